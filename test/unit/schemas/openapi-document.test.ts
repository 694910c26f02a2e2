import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../infra/openapi/openapi-document.ts';

type Doc = Record<string, any>;
const committed = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'),
) as Doc;

describe('the OpenAPI document', () => {
  it('is committed as generated (run `npm run openapi` after changing routes or schemas)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('lists exactly the statuses each route can answer', () => {
    const statuses = (p: string, m: string) => Object.keys(committed.paths[p][m].responses).map(Number);

    expect(statuses('/v1/feedback/{id}', 'get')).toEqual([200, 401, 403, 404, 429, 500]);
    expect(statuses('/v1/feedback/{id}/actions', 'post')).toEqual([
      200, 400, 401, 403, 404, 409, 413, 415, 429, 500,
    ]);
    expect(statuses('/v1/survey/{surveyToken}', 'post')).toEqual([201, 400, 404, 409, 413, 415, 429, 500]);
    expect(statuses('/v1/customers/erasure', 'post')).toEqual([200, 400, 401, 403, 413, 415, 429, 500]);
  });

  it('names the media types and limits the API enforces', () => {
    const snapshot = committed.paths['/v1/snapshots/{period}'].get.responses[200].content;
    const survey = committed.paths['/v1/survey/{surveyToken}'].post;
    const schemas = committed.components.schemas;
    const id = committed.paths['/v1/feedback/{id}'].get.parameters[0].schema;

    expect(Object.keys(snapshot)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(survey.requestBody.content)).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
    expect(schemas.FeedbackInput.properties.text.maxLength).toBe(5000);
    expect(schemas.FeedbackMetadata.maxProperties).toBe(20);
    expect(schemas.ErasureRequest.properties.customer.properties.email.maxLength).toBe(254);
    expect(id).toMatchObject({ minLength: 26, maxLength: 26, pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' });
  });
});
