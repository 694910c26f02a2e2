import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbFeedbackRepository } from '../../../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbSnapshotRepository } from '../../../shared/adapters/dynamodb-snapshot-repository.ts';
import { mergeHistory, toFeedbackItem, toHistoryItem } from '../../../shared/adapters/feedback-item.ts';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';
import type { FeedbackRecord, HistoryEntry } from '../../../shared/schemas/feedback-record.ts';
import { feedbackIdSchema, pathParam, periodSchema } from '../../../shared/schemas/params.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

function feedback(id: string, receivedAt: string): FeedbackRecord {
  return newFeedbackRecord({ channel: 'web', text: 'x' }, id, new Date(receivedAt), { integrationId: 'k' });
}
const A = feedback('01JD0000000000000000000001', '2026-11-02T01:00:00.000Z');
const B = feedback('01JD0000000000000000000002', '2026-11-03T01:00:00.000Z');
const triaged: HistoryEntry = {
  at: '2026-11-02T01:00:01.000Z',
  action: 'triaged',
  actor: 'system',
  to: 'open',
};
const note: HistoryEntry = { at: '2026-11-02T02:00:00.000Z', action: 'note', actor: 'staff:a', note: 'hi' };

describe('history items', () => {
  it('indexes milestones by month with a sort key right after their feedback, and notes not at all', () => {
    const milestone = toHistoryItem(A, triaged);
    const plain = toHistoryItem(A, note);

    expect(milestone).toMatchObject({
      pk: `FEEDBACK#${A.id}`,
      entity: 'history',
      feedbackId: A.id,
      receivedMonth: '2026-11',
      entry: triaged,
    });
    expect(String(milestone.sk)).toMatch(/^HISTORY#2026-11-02T01:00:01\.000Z#[0-9A-Z]{26}$/);
    expect(String(milestone.listSk).startsWith(`2026-11-02T01:00:00.000Z#${A.id}#HISTORY#`)).toBe(true);
    const sorted = [
      String(toFeedbackItem(B).listSk),
      String(milestone.listSk),
      String(toFeedbackItem(A).listSk),
    ].sort();
    expect(sorted).toEqual([
      String(toFeedbackItem(A).listSk),
      String(milestone.listSk),
      String(toFeedbackItem(B).listSk),
    ]);
    expect(plain).not.toHaveProperty('receivedMonth');
    expect(plain).not.toHaveProperty('listSk');
    expect(plain).not.toHaveProperty('status');
  });

  it('merges embedded and item entries in time order, keeping same-instant entries in stored order', () => {
    const first = { at: '2026-11-02T03:00:00.000Z', action: 'note', actor: 'a', note: '1' };
    const second = { at: '2026-11-02T03:00:00.000Z', action: 'note', actor: 'a', note: '2' };

    expect(mergeHistory([A.history[0] as HistoryEntry, note], [first, second, triaged])).toEqual([
      A.history[0],
      triaged,
      note,
      first,
      second,
    ]);
  });
});

describe('quarterly snapshot read', () => {
  beforeEach(() => dynamo.reset());

  it('hands each feedback over with the milestones that follow it in the month index, across pages', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [toFeedbackItem(A)], LastEvaluatedKey: { pk: 'p' } })
      .resolvesOnce({ Items: [toHistoryItem(A, triaged), toFeedbackItem(B)] })
      .resolves({ Items: [] });
    const visited: FeedbackRecord[] = [];

    const totals = await new DynamoDbSnapshotRepository(client, 'T').forEachReceivedBetween(
      '2026-11-01T00:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
      (record) => visited.push(record),
    );

    expect(totals.items).toBe(2);
    expect(visited.map((r) => [r.id, r.history.map((h) => h.action)])).toEqual([
      [A.id, ['received', 'triaged']],
      [B.id, ['received']],
    ]);
  });
});

describe('saving a change with its history', () => {
  beforeEach(() => dynamo.reset());
  const repository = new DynamoDbFeedbackRepository(client, { tableName: 'T', listHorizonMonths: 12 });
  const open: FeedbackRecord = { ...A, status: 'open', version: 3 };

  it('writes the update and one item per new entry in one transaction, conditioned on the version', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const entry: HistoryEntry = {
      at: '2026-11-04T00:00:00.000Z',
      action: 'acknowledge',
      actor: 'staff:a',
      from: 'open',
      to: 'acknowledged',
    };

    await repository.saveChanges(open, {
      ...open,
      status: 'acknowledged',
      history: [...open.history, entry],
    });

    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]?.Update?.ConditionExpression).toBe('#version = :expectedVersion');
    expect(items[0]?.Update?.UpdateExpression).not.toContain('history =');
    expect(items[1]?.Put?.Item).toMatchObject({ entity: 'history', entry });
  });

  it('conditions a note only on a status that takes notes, so concurrent notes are all kept', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const next = { ...open, updatedAt: note.at, history: [...open.history, note] };

    await repository.saveChanges(open, next);

    const update = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(update?.ConditionExpression).toBe('attribute_exists(#pk) AND #status <> :received');
  });
});

describe('bounded path parameters', () => {
  it('answers 404 for a malformed id and 400 for a malformed period, before any read', () => {
    const tooLong = { pathParameters: { id: 'A'.repeat(2100) } };
    const badPeriod = { pathParameters: { period: '2026-Q9' } };

    expect(() => pathParam(tooLong, 'id', feedbackIdSchema, { notFound: 'feedback' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(() => pathParam(badPeriod, 'period', periodSchema, 'validation')).toThrow(
      expect.objectContaining({ code: 'validation_error' }),
    );
    expect(pathParam({ pathParameters: { id: A.id } }, 'id', feedbackIdSchema, { notFound: 'x' })).toBe(A.id);
  });
});
