// First: the handler module reads a function's environment at import, as at a cold start.
import '../setup/function-env.ts';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createQuarterlySnapshotHandler } from '../../functions/quarterly-snapshot/handler.ts';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  localDynamoDbClient,
} from '../../infra/local/dynamodb-local.ts';
import { localContext } from '../../infra/local/local-functions.ts';
import { LOCAL_SNAPSHOT_RUNS_BUCKET } from '../../infra/local/local-s3.ts';
import { ensureLocalTable } from '../../infra/local/local-tables.ts';
import {
  AWS_CALL_LOG_ENV,
  AWS_CALL_LOG_ROOT_ENV,
  instrument,
  runAsFunction,
} from '../../shared/adapters/aws-clients.ts';
import { DynamoDbSnapshotRepository } from '../../shared/adapters/dynamodb-snapshot-repository.ts';
import { toFeedbackItem, toHistoryItem } from '../../shared/adapters/feedback-item.ts';
import { S3SnapshotCheckpoints } from '../../shared/adapters/s3-snapshot-checkpoints.ts';
import { parseStackConfig } from '../../shared/config/stack-config.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { newFeedbackRecord } from '../../shared/domain/feedback.ts';
import type { EmailMessage, Mailer } from '../../shared/ports/mailer.ts';
import type { FeedbackRecord, HistoryEntry } from '../../shared/schemas/feedback-record.ts';
import type { Snapshot } from '../../shared/schemas/snapshot.ts';
import { SnapshotService } from '../../shared/services/snapshot-service.ts';

/*
 * A quarter counted over many Lambda runs, on DynamoDB Local and the local stack's S3 stand-in:
 * each run pauses after every page (pages of 1–7 items, so a page boundary falls between a
 * feedback and each of its milestones), keeps its counts in an S3 checkpoint, and the next run
 * goes on from it. Each table here is this file's own, so the counts below are exact.
 *
 * 2025-Q3 in Shanghai, 30 feedback, ten received on the 10th of each of July, August and
 * September at 10:00 (02:00Z). Feedback i (0–29):
 *   - every third (i = 0, 3, …, 27) is a complaint: 10 complaints; the rest praise;
 *   - each is triaged at receipt (a milestone item);
 *   - each complaint is acknowledged 2 h after receipt and resolved 4 h after (two more items);
 *   - every fifth (i = 0, 5, …, 25) answered the closure survey with CSAT 4 (one more item): 6 answers.
 */
const stack = () => inject('localStack');
const QUARTER_ENDS = '2025-09-30T17:00:00.000Z'; // 01:00 on 1 October 2025 in Shanghai
const config = parseStackConfig({ escalationEmails: ['lead@example.com'] });

const hours = (at: string, h: number) => new Date(new Date(at).getTime() + h * 3_600_000).toISOString();
const entry = (at: string, action: string, extra: Partial<HistoryEntry> = {}) =>
  ({ at, action, actor: 'staff:ana', ...extra }) as HistoryEntry;

function quarterItems(): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < 30; i += 1) {
    const month = 7 + Math.floor(i / 10);
    const receivedAt = `2025-0${month}-10T02:00:${String(i).padStart(2, '0')}.000Z`;
    const complaint = i % 3 === 0;
    const record: FeedbackRecord = {
      ...newFeedbackRecord(
        { channel: 'web', text: `Feedback ${i}.`, consent: { contact: false } },
        `01K0SNAPSHOTRUNS00000000${String(i).padStart(2, '0')}`,
        new Date(receivedAt),
        { integrationId: 'k1' },
      ),
      type: complaint ? 'complaint' : 'praise',
      status: complaint ? 'resolved' : 'open',
    };
    items.push(toFeedbackItem(record));
    const milestones = [entry(receivedAt, 'triaged', { from: 'received', to: 'open' })];
    if (complaint) {
      milestones.push(entry(hours(receivedAt, 2), 'acknowledge', { from: 'open', to: 'acknowledged' }));
      milestones.push(entry(hours(receivedAt, 4), 'resolve', { from: 'acknowledged', to: 'resolved' }));
    }
    if (i % 5 === 0) milestones.push(entry(hours(receivedAt, 5), 'survey_answered', { csat: 4 }));
    for (const milestone of milestones) items.push(toHistoryItem(record, milestone));
  }
  return items;
}

class RecordingMailer implements Mailer {
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage) {
    this.sent.push(message);
    return { messageId: `m-${this.sent.length}` };
  }
}

let documents: DynamoDBDocumentClient;
let s3: S3Client;
const previousCallLog = process.env[AWS_CALL_LOG_ENV];

async function quarterTable(name: string): Promise<string> {
  const raw = localDynamoDbClient(stack().dynamoDbEndpoint);
  try {
    await ensureLocalTable(raw, { ...FEEDBACK_TABLE, logicalName: name });
  } finally {
    raw.destroy();
  }
  const items = quarterItems();
  for (let i = 0; i < items.length; i += 25) {
    await documents.send(
      new BatchWriteCommand({
        RequestItems: { [name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  return name;
}

function serviceOn(table: string, pageItems: number | undefined, mailer: Mailer) {
  const repository = new DynamoDbSnapshotRepository(documents, table);
  repository.pageItems = pageItems;
  const checkpoints = new S3SnapshotCheckpoints(LOCAL_SNAPSHOT_RUNS_BUCKET, s3);
  const service = new SnapshotService({
    repository,
    mailer,
    config,
    publicBaseUrl: 'https://api.example.com',
    checkpoints,
  });
  return { repository, checkpoints, service };
}

/** Runs the scheduled function as the Step Functions loop does: again with `next` until it answers without. */
async function runUntilDone(
  handler: ReturnType<typeof createQuarterlySnapshotHandler>,
  remainingMs: number,
): Promise<{ answers: Record<string, unknown>[] }> {
  const answers: Record<string, unknown>[] = [];
  let input: ScheduledInvocation | undefined = {
    schedule: 'quarterly-snapshot',
    scheduledTime: QUARTER_ENDS,
  };
  while (input) {
    const context = {
      ...localContext('quarterlySnapshot', 900),
      getRemainingTimeInMillis: () => remainingMs,
    };
    const event: ScheduledInvocation = input;
    const answer = (await runAsFunction('quarterlySnapshot', () => handler(event, context))) as Record<
      string,
      unknown
    >;
    answers.push(answer);
    input = answer.next as ScheduledInvocation | undefined;
  }
  return { answers };
}

const substance = (snapshot: Snapshot | undefined) => {
  const { computedAt: _c, readUnits: _r, ...rest } = snapshot ?? ({} as Snapshot);
  return rest;
};

beforeAll(() => {
  documents = DynamoDBDocumentClient.from(localDynamoDbClient(stack().dynamoDbEndpoint));
  // The checkpoint calls are recorded as the scheduled function's (the IAM proof reads them).
  const root = process.env[AWS_CALL_LOG_ROOT_ENV];
  if (root) process.env[AWS_CALL_LOG_ENV] = path.join(root, 'local');
  s3 = instrument(
    new S3Client({
      endpoint: `${stack().apiUrl}/_local/aws/s3`,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
      forcePathStyle: true,
    }),
    's3',
  );
});

afterAll(() => {
  documents.destroy();
  s3.destroy();
  if (previousCallLog === undefined) delete process.env[AWS_CALL_LOG_ENV];
  else process.env[AWS_CALL_LOG_ENV] = previousCallLog;
});

describe('a quarter over several runs of the scheduled snapshot', () => {
  let once: Snapshot | undefined;

  beforeAll(async () => {
    // The reference: the same quarter read in one run, one page per month
    const { service, repository } = serviceOn(
      await quarterTable('snapshot-runs-once'),
      undefined,
      new RecordingMailer(),
    );
    await service.runScheduled('quarter', new Date(QUARTER_ENDS));
    once = await repository.get('2025-Q3');
  });

  it('counts the quarter written above in one run', () => {
    expect(once?.totals).toEqual({ feedback: 30, complaints: 10, byType: { complaint: 10, praise: 20 } });
    expect(once?.csat).toMatchObject({ average: 4, responses: 6 });
    expect(once?.firstResponseTime.clockHours).toEqual({ median: 2, p90: 2, count: 10 });
    expect(once?.resolutionTime.clockHours).toEqual({ median: 4, p90: 4, count: 10 });
    expect(once?.closureRate).toBe(1);
  });

  it.each([
    1, 2, 3, 7,
  ])('gives the one-run snapshot when every run pauses after a page of %i items', async (pageItems) => {
    // Prepare
    const mailer = new RecordingMailer();
    const { service, repository, checkpoints } = serviceOn(
      await quarterTable(`snapshot-runs-${pageItems}`),
      pageItems,
      mailer,
    );
    const handler = createQuarterlySnapshotHandler(service);

    // Act: every run has less time left than it keeps back, so it pauses at its first page boundary
    const { answers } = await runUntilDone(handler, 1_000);

    // Assess: many runs, each on from the last; the stored figures are the one run's
    const last = answers.at(-1);
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.slice(0, -1).every((a) => (a.next as ScheduledInvocation).continues === a.runs)).toBe(
      true,
    );
    expect(last).toMatchObject({ period: '2025-Q3', feedback: 30, emailed: true, runs: answers.length });
    const stored = await repository.get('2025-Q3');
    expect(substance(stored)).toEqual(substance(once));
    expect(stored?.totals.feedback).toBe(30);
    // One summary email, and the checkpoint removed once the quarter was stored
    expect(mailer.sent).toHaveLength(1);
    expect(await checkpoints.load('2025-Q3', QUARTER_ENDS)).toBeUndefined();
  });

  it('finishes in one run, without a checkpoint, when the run has time', async () => {
    // Prepare
    const { service, repository } = serviceOn(
      await quarterTable('snapshot-runs-roomy'),
      2,
      new RecordingMailer(),
    );

    // Act
    const { answers } = await runUntilDone(createQuarterlySnapshotHandler(service), 800_000);

    // Assess
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ feedback: 30, runs: 1 });
    expect(substance(await repository.get('2025-Q3'))).toEqual(substance(once));
  });
});
