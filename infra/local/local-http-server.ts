import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { FunctionName } from '../../shared/definitions/function-definitions.ts';
import type { RouteDefinition } from '../../shared/definitions/route-definitions.ts';
import { errorBody, STATUS_BY_CODE } from '../../shared/http/responses.ts';
import type { ErrorCode } from '../../shared/schemas/errors.ts';
import { createRouteMatcher, type LocalIdentity, toApiGatewayEvent } from './api-gateway-event.ts';
import { type LocalStaffTokens, localClaimsFor } from './staff-tokens.ts';
import { TokenBucket } from './token-bucket.ts';

/** API Gateway's own payload limit for REST APIs; the handlers enforce the contract's 64 KiB. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** What the local S3 stand-in takes in one PUT: a large period's snapshot checkpoint is over a gigabyte. */
const LOCAL_S3_MAX_BODY_BYTES = 2 * 1024 * 1024 * 1024;

/** An extra route the local stack answers itself (health, OpenAPI, schedules). */
export type LocalControlRoute = (
  method: string,
  url: URL,
  body: Buffer,
) => Promise<{ status: number; body: unknown } | undefined>;

export interface LocalHttpServerOptions {
  host: string;
  port: number;
  routes: readonly RouteDefinition[];
  functions: Record<FunctionName, (event: unknown) => Promise<unknown>>;
  apiKey: string;
  staffToken: string;
  /** `LOCAL_STAFF_TOKENS`: further tokens, each a person with a role and teams. */
  staffTokens?: LocalStaffTokens;
  control: LocalControlRoute;
  /** Method throttling for routes marked `throttle: 'publicForm'`, as API Gateway applies it. */
  publicFormThrottle?: { rateLimit: number; burstLimit: number };
  /** Static files served before the API routes (the console at `/console/`). */
  staticFiles?: (method: string, url: URL, res: ServerResponse) => Promise<boolean>;
  onError?: (message: string, error: unknown) => void;
}

/**
 * The API Gateway stand-in: matches the shared route table, checks the channel API key or the
 * staff token as the deployed API does, turns the request into the proxy event the deployed
 * API sends, calls the same handler and writes its answer back.
 */
export async function startLocalHttpServer(
  options: LocalHttpServerOptions,
): Promise<{ server: Server; url: string }> {
  const match = createRouteMatcher(options.routes);
  const buckets = new Map<string, TokenBucket>();
  const throttled = (route: RouteDefinition): boolean => {
    if (route.throttle !== 'publicForm' || !options.publicFormThrottle) return false;
    const key = `${route.method} ${route.path}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(options.publicFormThrottle);
      buckets.set(key, bucket);
    }
    return !bucket.take();
  };

  const server = createServer(async (req, res) => {
    try {
      // Concatenated, not resolved: `//x` is a path here, not a protocol-relative URL.
      const url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? ''}`);
      const limit = url.pathname.startsWith('/_local/aws/s3/')
        ? LOCAL_S3_MAX_BODY_BYTES
        : GATEWAY_MAX_BODY_BYTES;
      const body = await readBody(req, limit);
      if (body === 'too_large') return sendError(res, 'payload_too_large', 'Request body too large');

      if (options.staticFiles && (await options.staticFiles(req.method ?? 'GET', url, res))) return;
      const control = await options.control(req.method ?? 'GET', url, body);
      if (control) return sendJson(res, control.status, control.body);

      const matched = match(req.method ?? 'GET', url.pathname);
      if (!matched) return sendError(res, 'not_found', `No route for ${req.method} ${url.pathname}`);
      if (throttled(matched.route)) return sendError(res, 'too_many_requests', 'Too Many Requests');
      const identity = authenticate(matched.route, req, options);
      if ('refusal' in identity) return sendError(res, identity.refusal, identity.message);

      const event = toApiGatewayEvent(
        {
          method: req.method ?? 'GET',
          url,
          headers: req.headers,
          body,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        },
        matched,
        identity,
      );
      const result = (await options.functions[matched.route.function](event)) as APIGatewayProxyResult;
      sendResult(res, result);
    } catch (error) {
      options.onError?.('request failed', error);
      if (!res.headersSent) sendError(res, 'internal_error', 'Internal server error');
    }
  });
  server.keepAliveTimeout = 5000;
  // Requests Node refuses before routing (a URL or headers over its limit, a malformed request
  // line) still get the contract's error body, as API Gateway gives its own.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const body = JSON.stringify(
      errorBody('validation_error', 'The request line or headers are malformed or too large.'),
    );
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    options.onError?.('client error', error.code ?? error.message);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host}:${port}` };
}

function authenticate(
  route: RouteDefinition,
  req: IncomingMessage,
  options: LocalHttpServerOptions,
): LocalIdentity | { refusal: ErrorCode; message: string } {
  if (route.auth === 'channel') {
    const key = req.headers['x-api-key'];
    if (key !== options.apiKey) return { refusal: 'forbidden', message: 'Forbidden' };
    return { apiKey: key, apiKeyId: 'local' };
  }
  if (route.auth === 'staff') {
    const authorization = req.headers.authorization ?? '';
    const [scheme, token] = authorization.split(' ');
    const claims =
      scheme?.toLowerCase() === 'bearer' && token
        ? localClaimsFor(token, options.staffToken, options.staffTokens ?? {})
        : undefined;
    if (!claims) return { refusal: 'unauthorized', message: 'Unauthorized' };
    return { staffClaims: claims };
  }
  return {};
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendResult(res: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    headers[name] = values.map(String);
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (Buffer.isBuffer(body)) {
    // Raw bytes (the local S3 stand-in's objects).
    res.writeHead(status, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, STATUS_BY_CODE[code], errorBody(code, message));
}
