import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, type Caller, settleStream, submit } from '../helpers/local-api.ts';

/**
 * Fuzzing generated from the published document (docs/openapi.json), not from the code: for
 * every operation, requests with every path parameter, query parameter and body property set to
 * well-formed, oversized and hostile values. Whatever arrives, the answer is never a 5xx, its
 * status is one the document lists for the operation, its media type is one the document lists
 * for that status, and its body validates against the documented schema.
 */
const DOCUMENT = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../docs/openapi.json'), 'utf8'),
) as OpenApi;
const RUNS_PER_OPERATION = 40;

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi', components: DOCUMENT.components });
/** `#/components/...` references resolve inside the document registered as `openapi`. */
function validatorFor(schema: Record<string, unknown>) {
  const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));
  return ajv.compile(rewritten);
}

const hostile = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '\u202e',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '{"$ne":null}',
    '01AAAAAAAAAAAAAAAAAAAAAAAA',
    'a'.repeat(2_100),
    'Z'.repeat(5_000),
    // 7 KB once percent-encoded: request lines over 16 KB are refused before any route (by Node's
    // HTTP parser locally, by API Gateway when deployed), outside what one operation documents.
    '💥'.repeat(600),
    '2026-Q4',
    '9999-Q9',
    `01AAAAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(32)}`,
    `01AAAAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(3_000)}`,
    // A well-formed campaign invitation token that names nothing.
    `01AAAAAAAAAAAAAAAAAAAAAAAA.01AAAAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(32)}`,
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const hostileJson = fc.oneof(
  hostile,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostile, { maxLength: 3 }),
  fc.dictionary(hostile, hostile, { maxKeys: 3 }),
);

/** A body built from the documented properties, each well-formed, hostile or missing. */
function bodyFor(schema: Record<string, unknown>): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  const properties = (resolved.properties ?? {}) as Record<string, Record<string, unknown>>;
  const entries = Object.keys(properties).map((name) => [name, hostileJson] as const);
  return fc.oneof(
    fc.record(Object.fromEntries(entries), { requiredKeys: [] }),
    hostileJson,
    fc.constant('x'.repeat(70_000)),
  );
}

function resolve(schema: Record<string, unknown>): Record<string, unknown> {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() as string;
    return resolve(DOCUMENT.components.schemas[name] ?? {});
  }
  return schema;
}

function callerOf(operation: Operation): Caller {
  const scheme = Object.keys(operation.security?.[0] ?? {})[0];
  return scheme === 'channelApiKey' ? 'channel' : scheme === 'staffBearer' ? 'staff' : 'public';
}

const operations = Object.entries(DOCUMENT.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, operation]) => ({ template, method: method.toUpperCase(), operation })),
);

describe('fuzzing every operation of docs/openapi.json against the local stack', () => {
  it('covers every path parameter the document declares', () => {
    const declared = operations.flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    );
    expect(new Set(declared)).toEqual(
      new Set(['formId', 'id', 'inviteToken', 'period', 'recipientId', 'surveyToken', 'trackingToken']),
    );
  });

  it.each(operations.map((o) => [`${o.method} ${o.template}`, o] as const))(
    '%s: never 5xx; documented status, media type and schema',
    async (_name, { template, method, operation }) => {
      // Prepare: one real feedback, so some requests reach stored records
      const real = await submit({ channel: 'web', text: 'Fuzz target for the document.' });
      await settleStream();
      const realValues: Record<string, string> = {
        id: real.body.id,
        trackingToken: real.body.trackingToken,
        period: '2026-Q4',
      };
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const bodyTypes = Object.keys(operation.requestBody?.content ?? {});
      const request = fc.record({
        params: fc.tuple(
          ...pathParams.map((p) =>
            (realValues[p.name] ? fc.oneof(hostile, fc.constant(realValues[p.name] as string)) : hostile)
              // An empty segment, `.` or `..` is another path (the router's 404), not this parameter.
              .filter((value) => value !== '' && value !== '.' && value !== '..'),
          ),
        ),
        query: fc.tuple(...queryParams.map(() => fc.option(hostile, { nil: undefined }))),
        bodyType: bodyTypes.length ? fc.constantFrom(...bodyTypes, 'text/plain') : fc.constant(undefined),
        body: operation.requestBody
          ? bodyFor(Object.values(operation.requestBody.content)[0]?.schema ?? {})
          : fc.constant(undefined),
      });

      await fc.assert(
        fc.asyncProperty(request, async ({ params, query, bodyType, body }) => {
          // Act
          let url = template;
          pathParams.forEach((p, i) => {
            url = url.replace(`{${p.name}}`, encodeURIComponent(params[i] as string));
          });
          const search = new URLSearchParams();
          queryParams.forEach((p, i) => {
            if (query[i] !== undefined) search.set(p.name, query[i] as string);
          });
          if ([...search].length) url += `?${search}`;
          const raw =
            body === undefined
              ? undefined
              : bodyType === 'application/x-www-form-urlencoded' && body && typeof body === 'object'
                ? new URLSearchParams(
                    Object.entries(body as Record<string, unknown>).map(
                      ([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string],
                    ),
                  ).toString()
                : typeof body === 'string'
                  ? body
                  : JSON.stringify(body);
          const answer = await api(url, {
            method,
            as: callerOf(operation),
            ...(raw === undefined ? {} : { rawBody: raw }),
            headers: bodyType ? { 'content-type': bodyType } : {},
          });

          // Assess
          expect(answer.status, `${method} ${url.slice(0, 200)}`).toBeLessThan(500);
          const documented = operation.responses[String(answer.status)];
          expect(
            documented,
            `${method} ${url.slice(0, 120)} answered an undocumented ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`,
          ).toBeDefined();
          const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
          const content = documented?.content?.[mediaType];
          expect(content, `${answer.status} came as undocumented ${mediaType}`).toBeDefined();
          const validate = validatorFor(content?.schema ?? {});
          const valid = validate(answer.body);
          expect(valid, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    },
    120_000,
  );
});
