import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, S3Event } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/import-from-s3/handler.ts';
import { createImportUploadsHandler } from '../../../functions/import-uploads/handler.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

const s3 = mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);
const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '..', '..', '..', 'events', 'imports', name));

/** Each GetObject answers a fresh stream of the file, in small chunks as S3 delivers it. */
function serve(file: Buffer) {
  s3.on(GetObjectCommand).callsFake(() => {
    const chunks: Buffer[] = [];
    for (let at = 0; at < file.length; at += 64) chunks.push(file.subarray(at, at + 64));
    return { Body: Readable.from(chunks) };
  });
}

function storedReport(): Record<string, any> {
  const call = s3.commandCalls(PutObjectCommand)[0];
  if (!call) throw new Error('no report stored');
  return { key: call.args[0].input.Key, body: JSON.parse(String(call.args[0].input.Body)) };
}

describe('import from S3', () => {
  beforeEach(() => {
    s3.reset();
    dynamo.reset();
    dynamo.on(PutCommand).resolves({});
    s3.on(PutObjectCommand).resolves({});
  });

  it('imports an uploaded file and stores the report next to it', async () => {
    // Prepare
    serve(fixture('comment-book.csv'));

    // Act
    const result = await handler(loadEvent<S3Event>('s3/import-upload.json'), lambdaContext());

    // Assess
    expect(result).toEqual({ reports: ['reports/web-form/01KB2EXAMPLE book.csv.report.json'] });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'feedback-imports-bucket',
      Key: 'uploads/web-form/01KB2EXAMPLE book.csv',
    });
    const report = storedReport();
    expect(report.key).toBe('reports/web-form/01KB2EXAMPLE book.csv.report.json');
    expect(report.body).toMatchObject({ accepted: 3, created: 3, duplicates: 0, rows: 4 });
    expect(report.body.rejected).toEqual([
      { row: 4, line: 5, issues: [{ path: 'customerPhone', message: expect.stringContaining('E.164') }] },
    ]);
    // Three feedback, one audit record.
    const items = dynamo
      .commandCalls(PutCommand)
      .map((call) => call.args[0].input.Item as Record<string, any>);
    expect(items.map((item) => item.entity).sort()).toEqual(['feedback', 'feedback', 'feedback', 'import']);
    expect(items.find((item) => item.entity === 'import')).toMatchObject({
      actor: 's3:uploads/web-form/01KB2EXAMPLE book.csv',
      source: 's3',
      rows: 4,
      created: 3,
      rejected: 1,
    });
  });

  it('stores the reason a file is refused in its report and writes no feedback', async () => {
    // Prepare
    serve(fixture('no-text-column.csv'));

    // Act
    await handler(loadEvent<S3Event>('s3/import-upload.json'), lambdaContext());

    // Assess
    expect(storedReport().body).toMatchObject({ error: { code: 'validation_error' } });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('presigned import upload', () => {
  const event = (): APIGatewayProxyEvent =>
    loadEvent<APIGatewayProxyEvent>('api/post-feedback.json', { body: null, path: '/v1/imports/uploads' });

  it('answers a presigned PUT under uploads/ and where the report will be', async () => {
    // Prepare
    const presign = createImportUploadsHandler({
      s3: new S3Client({
        region: 'ap-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
      }),
      bucket: 'feedback-imports-bucket',
      now: () => new Date('2026-11-24T02:00:00.000Z'),
    });

    // Act
    const result = (await presign(event() as never, lambdaContext())) as APIGatewayProxyResult;

    // Assess
    expect(result.statusCode).toBe(201);
    const body = JSON.parse(result.body);
    expect(body.key).toMatch(/^uploads\/[A-Za-z0-9_-]+\/[0-9A-Z]{26}\.csv$/);
    expect(body.reportKey).toBe(`reports/${body.key.slice('uploads/'.length)}.report.json`);
    const url = new URL(body.uploadUrl);
    expect(url.hostname).toContain('feedback-imports-bucket');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 404 where there is no bucket (the local stack)', async () => {
    // Prepare
    const presign = createImportUploadsHandler({ s3: new S3Client({}), bucket: undefined });

    // Act
    const result = (await presign(event() as never, lambdaContext())) as APIGatewayProxyResult;

    // Assess
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'not_found' } });
  });
});
