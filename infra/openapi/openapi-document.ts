import {
  type CreateDocumentOptions,
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { ROUTES, type RouteDefinition } from '../../shared/definitions/route-definitions.ts';
import { MAX_BODY_BYTES } from '../../shared/http/middleware.ts';
import { errorBodySchema } from '../../shared/schemas/errors.ts';
import * as z from '../../shared/schemas/zod.ts';

/** Fallback refusal statuses for a route that does not list its own. */
const ERROR_STATUSES_BY_AUTH: Record<RouteDefinition['auth'], number[]> = {
  channel: [400, 403, 409, 413, 415, 422, 429, 500],
  staff: [400, 401, 403, 404, 409, 429, 500],
  public: [400, 404, 409, 429, 500],
};

const TAGS: Record<RouteDefinition['auth'], string> = {
  channel: 'Channel intake',
  staff: 'Staff',
  public: 'Customer links',
};

const SECURITY: Record<RouteDefinition['auth'], Record<string, string[]>[]> = {
  channel: [{ channelApiKey: [] }],
  staff: [{ staffBearer: [] }],
  public: [],
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation_error, malformed_json); nothing was stored',
  401: 'No valid staff credentials',
  403: 'No valid channel API key, or a staff role that may not use this route',
  404: 'Nothing exists under this path (also for a malformed id or token)',
  409: 'Conflict: a transition the status does not allow, a stale version, or an answer already given',
  413: `The body is larger than ${MAX_BODY_BYTES} bytes`,
  415: 'The body is not in a media type this route takes',
  422: 'The Idempotency-Key was used before with a different body',
  429: 'Throttled; retry later',
  500: 'Failed on our side; no internal detail',
};

/** The statuses a route can refuse with, each documented with the error body. */
export function errorStatusesOf(route: RouteDefinition): readonly number[] {
  return route.errors ?? ERROR_STATUSES_BY_AUTH[route.auth];
}

function operation(route: RouteDefinition): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: { schema: response.schema },
              ...Object.fromEntries(
                Object.entries(response.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
              ),
            },
          }
        : {}),
      ...(response.headers
        ? {
            headers: z.object(
              Object.fromEntries(
                Object.entries(response.headers).map(([name, header]) => [
                  name,
                  z.withDescription(header.schema, header.description),
                ]),
              ),
            ),
          }
        : {}),
    };
  }
  for (const status of errorStatusesOf(route)) {
    responses[String(status)] ??= {
      description: ERROR_DESCRIPTIONS[status] ?? 'Refused; the body says why',
      content: {
        'application/json': { schema: errorBodySchema },
        ...Object.fromEntries(
          Object.entries(route.errorAlternatives ?? {}).map(([type, schema]) => [type, { schema }]),
        ),
      },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.summary,
    tags: [TAGS[route.auth]],
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
            description: `At most ${MAX_BODY_BYTES} bytes (413 beyond); another media type answers 415.`,
            content: {
              [route.bodyContentType ?? 'application/json']: { schema: route.body },
              ...(route.formBody ? { 'application/x-www-form-urlencoded': { schema: route.formBody } } : {}),
            },
          },
        }
      : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

const INT32 = 2 ** 31;

/**
 * Every integer gets its width: `int32` when its bounds fit, else `int64` (JSON numbers the API
 * sends are safe integers).
 */
const documentOptions: CreateDocumentOptions = {
  override: ({ jsonSchema }) => {
    const schema = jsonSchema as { type?: unknown; format?: string; minimum?: number; maximum?: number };
    if (schema.type !== 'integer' || schema.format) return;
    const fits =
      schema.minimum !== undefined &&
      schema.maximum !== undefined &&
      schema.minimum >= -INT32 &&
      schema.maximum < INT32;
    schema.format = fits ? 'int32' : 'int64';
  },
};

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function openApiDocument(serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of ROUTES) {
    const item = (paths[route.path] ?? {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operation(route);
    paths[route.path] = item;
  }
  return createDocument(
    {
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
      tags: [...new Set(Object.values(TAGS))].map((name) => ({ name })),
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
    },
    documentOptions,
  );
}
