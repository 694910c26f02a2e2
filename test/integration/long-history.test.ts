import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { feedbackKey, toHistoryItem } from '../../shared/adapters/feedback-item.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import type { HistoryEntry } from '../../shared/schemas/feedback-record.ts';
import { api, capturedEmails, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Feedback = Record<string, any>;

async function openedFeedback(body: Record<string, unknown>): Promise<Feedback> {
  const { body: created } = await submit(body);
  await settleStream();
  return readFeedback(created.id);
}

const act = (id: string, body: Record<string, unknown>) =>
  api<Feedback>(`/v1/feedback/${id}/actions`, { as: 'staff', body });

/** The stored size of the feedback item itself, in bytes of its JSON (what each write rewrites). */
async function feedbackItemBytes(id: string): Promise<number> {
  const client = localDynamoDbClient(inject('localStack').dynamoDbEndpoint);
  try {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: FEEDBACK_TABLE.logicalName,
        Key: Object.fromEntries(Object.entries(feedbackKey(id)).map(([k, v]) => [k, { S: v }])),
      }),
    );
    return Buffer.byteLength(JSON.stringify(Item));
  } finally {
    client.destroy();
  }
}

describe('history as its own items', () => {
  it('keeps every one of 20 concurrent notes on one feedback, in order', async () => {
    // Prepare
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'Concurrent notes target.',
      language: 'en',
    });

    // Act: 20 staff members add a note at the same moment
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => act(feedback.id, { action: 'note', note: `note ${i}` })),
    );

    // Assess: none refused, none lost, history in time order
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const stored = await readFeedback(feedback.id);
    const notes = stored.history.filter((h: Feedback) => h.action === 'note');
    expect(notes.map((h: Feedback) => h.note).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `note ${i}`).sort(),
    );
    const instants = stored.history.map((h: Feedback) => h.at);
    expect(instants).toEqual([...instants].sort());
    expect(stored.version).toBe(feedback.version + 20);
  });

  it('keeps a feedback with 1,000 notes of 2,000 characters fully workable', async () => {
    // Prepare: an opened complaint whose history already holds 1,000 notes of 2,000 characters
    // (written straight to its item collection: through the API each note also reads the
    // growing history for its answer, which is what the benchmark measures, not this test)
    const email = `long-history-${Date.now()}@example.com`;
    const feedback = await openedFeedback({
      channel: 'web',
      text: 'I complain: the counter closed early and nobody called me back.',
      language: 'en',
      customer: { email },
      consent: { contact: true },
    });
    const sizeBefore = await feedbackItemBytes(feedback.id);
    const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('localStack').dynamoDbEndpoint));
    const start = new Date(feedback.receivedAt).getTime() + 60_000;
    const notes: HistoryEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      at: new Date(start + i).toISOString(),
      action: 'note',
      actor: 'staff:seed',
      note: `${String(i).padStart(4, '0')} ${'n'.repeat(1995)}`,
    }));
    const seeded = notes.map((entry) => toHistoryItem(feedback as never, entry));
    for (let i = 0; i < seeded.length; i += 25) {
      await client.send(
        new BatchWriteCommand({
          RequestItems: {
            [FEEDBACK_TABLE.logicalName]: seeded.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );
    }

    // Act: one more note, the escalation ladder, a resolution with its closure notice
    const note = await act(feedback.id, { action: 'note', note: 'x'.repeat(2000) });
    const due = new Date(feedback.deadlines.firstResponseDue).getTime();
    const sweep = await api<{ result: { sent: number } }>('/_local/schedules/escalation-sweep', {
      body: { now: new Date(due + 60_000).toISOString() },
    });
    const resolved = await act(feedback.id, { action: 'resolve', resolution: 'We reopened the counter.' });
    await settleStream();

    // Assess
    expect(note.status).toBe(200);
    expect(note.body.history).toHaveLength(1003); // received, triaged, 1,000 notes, this one
    expect(sweep.status).toBe(200);
    expect(resolved.status).toBe(200);
    expect((await capturedEmails(feedback.id)).map((e) => e.subject)).toEqual([
      expect.stringMatching(/Level 2 escalation/),
    ]);
    const notices = (await capturedEmails()).filter((e) => e.destination.to.includes(email));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.text).toContain('We reopened the counter.');
    const stored = await readFeedback(feedback.id);
    expect(stored.status).toBe('resolved');
    const count = (action: string) => stored.history.filter((h: Feedback) => h.action === action).length;
    expect([count('note'), count('escalated'), count('resolve')]).toEqual([1001, 1, 1]);
    // Oldest first (the sweep ran at an instant after the resolution: its entry comes last)
    const instants = stored.history.map((h: Feedback) => h.at);
    expect(instants).toEqual([...instants].sort());
    // The record itself stays small: its size does not grow with its history
    expect(await feedbackItemBytes(feedback.id)).toBeLessThan(sizeBefore + 2_000);

    // Clean up: the 2 MB of seeded notes would slow the other files' full-table counts
    for (let i = 0; i < seeded.length; i += 25) {
      await client.send(
        new BatchWriteCommand({
          RequestItems: {
            [FEEDBACK_TABLE.logicalName]: seeded
              .slice(i, i + 25)
              .map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
          },
        }),
      );
    }
    client.destroy();
  }, 120_000);
});
