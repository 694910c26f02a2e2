import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, countStoredItems, readFeedback, settleStream } from '../helpers/local-api.ts';

type Report = {
  importId: string;
  accepted: number;
  created: number;
  duplicates: number;
  rows: number;
  importedAt: string;
  rejected: { row: number; line: number; issues: { path: string; message: string }[] }[];
};

const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '..', '..', 'events', 'imports', name));

function importCsv(body: Buffer | string, contentType = 'text/csv; charset=utf-8') {
  return api<Report>('/v1/imports', {
    as: 'channel',
    rawBody: body,
    headers: { 'content-type': contentType },
  });
}

async function findByReference(reference: string): Promise<Record<string, any>> {
  const page = await api<{ items: Record<string, any>[] }>('/v1/feedback?channel=in_person&limit=100', {
    as: 'staff',
  });
  const summary = page.body.items.find((item) => item.text.includes(reference));
  if (!summary) throw new Error(`no feedback mentions ${reference}`);
  return readFeedback(summary.id);
}

describe('CSV import on the local stack', () => {
  it('imports a comment book: BOM, quoted commas and newlines, one bad row reported, the rest stored', async () => {
    // Prepare
    const before = await countStoredItems();

    // Act
    const answer = await importCsv(fixture('comment-book.csv'));
    await settleStream();

    // Assess
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ accepted: 3, created: 3, duplicates: 0, rows: 4 });
    expect(answer.body.rejected).toEqual([
      { row: 4, line: 5, issues: [{ path: 'customerPhone', message: expect.stringContaining('E.164') }] },
    ]);
    // Three feedback and one audit record of the run.
    expect(await countStoredItems()).toBe(before + 4);

    const bookA = await findByReference('Comment book A');
    expect(bookA).toMatchObject({
      channel: 'in_person',
      text: 'Comment book A: the queue was long, but staff were kind',
      reference: 'BOOK-1',
      ratings: { csat: 4, nps: 8 },
      customer: { email: 'a.reader@example.com' },
      // 2026-03-31 in Asia/Shanghai: it counts in 2026-Q1.
      receivedAt: '2026-03-30T16:00:00.000Z',
      clockStartedAt: answer.body.importedAt,
      status: 'open',
    });
    // Deadlines run from the import, not from the date on paper.
    expect(Date.parse(bookA.deadlines.firstResponseDue)).toBeGreaterThan(Date.parse(answer.body.importedAt));

    const bookB = await findByReference('Comment book B');
    expect(bookB.text).toBe('Comment book B: two lines\nin one cell, "quoted"');
    expect(bookB.customer).toEqual({ phone: '+8613800138000' });
  });

  it('adds nothing when the same file is uploaded again (only the audit record of the run)', async () => {
    // Prepare
    const first = await importCsv(fixture('comment-book.csv'));
    const before = await countStoredItems();

    // Act
    const again = await importCsv(fixture('comment-book.csv'));

    // Assess
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      importId: first.body.importId,
      accepted: 3,
      created: 0,
      duplicates: 3,
    });
    expect(await countStoredItems()).toBe(before + 1);
  });

  it('does not escalate an imported complaint for the time before its import', async () => {
    // Prepare
    const { body } = await importCsv(
      'text,channel,language,receivedOn\n"Ladder check: the counter was rude and the wait was terrible",in_person,en,2026-01-05\n',
    );
    await settleStream();
    const imported = await findByReference('Ladder check');

    // Act: the sweep one minute after the import
    const sweep = await api('/_local/schedules/escalation-sweep', {
      method: 'POST',
      body: { now: new Date(Date.parse(body.importedAt) + 60_000).toISOString() },
    });

    // Assess
    expect(sweep.status).toBe(200);
    const after = await readFeedback(imported.id);
    expect(after.escalationLevel).toBe(0);
    expect(after.receivedAt).toBe('2026-01-04T16:00:00.000Z');
  });

  it.each([
    ['a file that is not CSV', fixture('not-csv.csv'), 400, 'validation_error'],
    ['a file without the text column', fixture('no-text-column.csv'), 400, 'validation_error'],
    ['a file with only bad rows', fixture('only-bad-rows.csv'), 400, 'validation_error'],
    ['a file over 5 MB', Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), 413, 'payload_too_large'],
    [
      'a file that is not UTF-8',
      Buffer.from([0x74, 0x65, 0x78, 0x74, 0x0a, 0xc4, 0xe3, 0x0a]),
      400,
      'validation_error',
    ],
  ])('refuses %s and stores nothing', async (_name, body, status, code) => {
    // Prepare
    const before = await countStoredItems();

    // Act
    const answer = await importCsv(body);

    // Assess
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code } });
    expect(await countStoredItems()).toBe(before);
  });

  it('refuses a body that is not text/csv', async () => {
    // Act
    const answer = await importCsv('{"text":"hi"}', 'application/json');

    // Assess
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('refuses a file with a quote opening inside a cell with 400 and stores nothing', async () => {
    // Prepare
    const before = await countStoredItems();

    // Act (csv-parse reports this as INVALID_OPENING_QUOTE, a code without the CSV_ prefix)
    const answer = await importCsv('text,channel\n[""],web\n');

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: {
        code: 'validation_error',
        issues: [{ path: 'line 2', message: expect.stringContaining('Invalid Opening Quote') }],
      },
    });
    expect(await countStoredItems()).toBe(before);
  });
});
