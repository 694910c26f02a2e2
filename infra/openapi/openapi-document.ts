import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { ROUTES, type RouteDefinition } from '../../shared/definitions/route-definitions.ts';
import { errorBodySchema } from '../../shared/schemas/errors.ts';

const ERROR_STATUSES_BY_AUTH: Record<RouteDefinition['auth'], number[]> = {
  channel: [400, 403, 409, 413, 415, 422, 429, 500],
  staff: [400, 401, 404, 409, 429, 500],
  public: [400, 404, 409, 429, 500],
};

const SECURITY: Record<RouteDefinition['auth'], Record<string, string[]>[]> = {
  channel: [{ channelApiKey: [] }],
  staff: [{ staffBearer: [] }],
  public: [],
};

function operation(route: RouteDefinition): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
        : {}),
    };
  }
  for (const status of ERROR_STATUSES_BY_AUTH[route.auth]) {
    responses[String(status)] ??= {
      description: 'Refused; the body says why',
      content: { 'application/json': { schema: errorBodySchema } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    security: SECURITY[route.auth],
    ...(route.pathParams || route.query || route.headers
      ? {
          requestParams: {
            ...(route.pathParams ? { path: route.pathParams } : {}),
            ...(route.query ? { query: route.query } : {}),
            ...(route.headers ? { header: route.headers } : {}),
          },
        }
      : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { [route.bodyContentType ?? 'application/json']: { schema: route.body } },
          },
        }
      : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function openApiDocument(serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of ROUTES) {
    const item = (paths[route.path] ?? {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operation(route);
    paths[route.path] = item;
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Service Feedback Stack API',
      version: '1.0.0',
      description:
        'Channel integrations submit feedback with their API key; staff read and act on it with a bearer token ' +
        '(Cognito ID token when deployed); customers follow tracking and survey links without a key. ' +
        'Every refusal answers with the Error body.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        channelApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        staffBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Cognito ID token (deployed) or the local staff token',
        },
      },
    },
    paths,
  });
}
