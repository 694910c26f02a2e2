import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RouteDefinition } from '../../shared/definitions/route-definitions.ts';

export interface MatchedRoute {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

/** Compiles route templates (`/v1/feedback/{id}`) into matchers, as API Gateway resolves resources. */
export function createRouteMatcher(routes: readonly RouteDefinition[]) {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
    return { route, names, regex: new RegExp(`^${pattern}$`) };
  });
  return (method: string, pathname: string): MatchedRoute | undefined => {
    for (const { route, names, regex } of compiled) {
      if (route.method !== method) continue;
      const match = regex.exec(pathname);
      if (!match) continue;
      const pathParameters: Record<string, string> = {};
      names.forEach((name, i) => {
        pathParameters[name] = safeDecode(match[i + 1] ?? '');
      });
      return { route, pathParameters };
    }
    return undefined;
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface LocalRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp: string;
}

export interface LocalIdentity {
  apiKey?: string;
  apiKeyId?: string;
  staffClaims?: Record<string, string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The REST API (v1 payload) proxy event API Gateway sends for a request, so handlers run
 * locally on the exact shape they get when deployed.
 */
export function toApiGatewayEvent(
  request: LocalRequest,
  matched: MatchedRoute,
  identity: LocalIdentity,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    multiValueHeaders[name] = values;
    headers[name] = values[values.length - 1] ?? '';
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [key, value] of request.url.searchParams) {
    query[key] = value;
    multiQuery[key] = [...(multiQuery[key] ?? []), value];
  }
  const hasQuery = Object.keys(query).length > 0;
  let body: string | null = null;
  let isBase64Encoded = false;
  if (request.body.byteLength > 0) {
    try {
      body = utf8.decode(request.body);
    } catch {
      // Bytes that are not UTF-8 reach the handler base64-encoded rather than silently altered.
      body = request.body.toString('base64');
      isBase64Encoded = true;
    }
  }
  const now = Date.now();
  return {
    resource: matched.route.path,
    path: request.url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: Object.keys(matched.pathParameters).length ? matched.pathParameters : null,
    stageVariables: null,
    body,
    isBase64Encoded,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      stage: 'live',
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: matched.route.path,
      httpMethod: request.method,
      path: `/live${request.url.pathname}`,
      authorizer: identity.staffClaims ? { claims: identity.staffClaims } : null,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: identity.apiKey ?? null,
        apiKeyId: identity.apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: (headers['user-agent'] as string | undefined) ?? null,
        userArn: null,
      },
    },
  };
}
