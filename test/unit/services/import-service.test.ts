import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { idempotentFeedbackId } from '../../../shared/domain/ids.ts';
import type { CreateFeedbackResult, FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import type { ImportAuditEntry } from '../../../shared/ports/import-log.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import {
  bufferSource,
  IMPORT_CHUNK_BYTES,
  ImportService,
  type ImportServiceDependencies,
  type ImportSource,
} from '../../../shared/services/import-service.ts';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const config = {
  importChannel: 'in_person',
  phoneDefaultCountry: 'CN',
  calendar: { timezone: 'Asia/Shanghai' },
} as ImportServiceDependencies['config'];
const submitter = { integrationId: 'front-desk' };
const origin = { source: 'api', actor: 'channel:front-desk' } as const;

/** The repository's `create` in memory: one conditional write per id; `batches` are the waves of writes in flight together. */
function memoryStore() {
  const records = new Map<string, FeedbackRecord>();
  const batches: number[] = [];
  let inFlight = 0;
  const create = async (record: FeedbackRecord): Promise<CreateFeedbackResult> => {
    if (inFlight === 0) batches.push(0);
    inFlight += 1;
    batches[batches.length - 1] = (batches.at(-1) ?? 0) + 1;
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    const stored = records.get(record.id);
    if (stored) return { outcome: 'exists', record: stored, sameRequest: true };
    records.set(record.id, record);
    return { outcome: 'created', record };
  };
  return { repository: { create } as unknown as FeedbackRepository, records, batches };
}

function setup() {
  const store = memoryStore();
  const audit: ImportAuditEntry[] = [];
  const service = new ImportService({
    repository: store.repository,
    log: { record: async (entry) => void audit.push(entry) },
    config,
    now: () => NOW,
  });
  return { service, store, audit };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const importIdOf = (text: string) => `IMP${idempotentFeedbackId('import-file', sha256(text)).slice(3)}`;
const rowId = (text: string, row: number) => idempotentFeedbackId('import', `${sha256(text)}#${row}`);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('ImportService.run', () => {
  const book = [
    'text,customerPhone,receivedOn,csat',
    'Queue was long,,2026-11-30,4',
    'Bad phone,12,,',
    'Staff were kind,13800138000,,5',
    '',
  ].join('\n');

  it('stores the good rows under ids from the file hash and row, reports the bad one, records the run', async () => {
    // Prepare
    const { service, store, audit } = setup();

    // Act
    const report = await service.run(bufferSource(Buffer.from(book)), submitter, origin);

    // Assess
    expect(report).toEqual({
      importId: importIdOf(book),
      accepted: 2,
      created: 2,
      duplicates: 0,
      rejected: [
        {
          row: 3,
          line: 3,
          issues: [{ path: 'customerPhone', message: expect.stringContaining('E.164') }],
        },
      ],
      rows: 3,
      fileSha256: sha256(book),
      importedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(report.importId).toMatch(/^IMP[0-9A-Z]{23}$/);
    expect([...store.records.keys()]).toEqual([rowId(book, 2), rowId(book, 4)]);
    const dated = store.records.get(rowId(book, 2));
    expect(dated).toMatchObject({
      channel: 'in_person',
      text: 'Queue was long',
      ratings: { csat: 4 },
      // 2026-11-30 in Asia/Shanghai starts at 16:00 UTC the day before.
      receivedAt: '2026-11-29T16:00:00.000Z',
      clockStartedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(dated?.history).toEqual([
      {
        at: '2026-12-01T02:00:00.000Z',
        action: 'received',
        actor: 'channel:front-desk',
        to: 'received',
        source: 'import',
        importId: importIdOf(book),
        row: 2,
        receivedOn: '2026-11-30',
      },
    ]);
    const undated = store.records.get(rowId(book, 4));
    expect(undated).toMatchObject({
      customer: { phone: '+8613800138000' },
      receivedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(undated?.history).toEqual([
      {
        at: '2026-12-01T02:00:00.000Z',
        action: 'received',
        actor: 'channel:front-desk',
        to: 'received',
        source: 'import',
        importId: importIdOf(book),
        row: 4,
      },
    ]);
    expect(audit).toEqual([
      {
        importId: importIdOf(book),
        fileSha256: sha256(book),
        bytes: Buffer.byteLength(book),
        actor: 'channel:front-desk',
        source: 'api',
        at: '2026-12-01T02:00:00.000Z',
        rows: 3,
        created: 2,
        duplicates: 0,
        rejected: 1,
      },
    ]);
  });

  it('adds nothing when the same file is imported again: every accepted row is a duplicate', async () => {
    // Prepare
    const { service, store, audit } = setup();
    await service.run(bufferSource(Buffer.from(book)), submitter, origin);

    // Act
    const again = await service.run(bufferSource(Buffer.from(book)), submitter, origin);

    // Assess
    expect(again).toMatchObject({ accepted: 2, created: 0, duplicates: 2, rows: 3 });
    expect(store.records.size).toBe(2);
    expect(audit.map((entry) => [entry.created, entry.duplicates, entry.rejected])).toEqual([
      [2, 0, 1],
      [0, 2, 1],
    ]);
  });

  it.each([
    [25, [25]],
    [26, [25, 1]],
    [51, [25, 25, 1]],
  ])('writes %i good rows in batches of 25 rows at a time', async (count, batches) => {
    // Prepare
    const { service, store } = setup();
    const lines = ['text', ...Array.from({ length: count }, (_, i) => `Comment ${i + 1}`)];

    // Act
    const report = await service.run(bufferSource(Buffer.from(lines.join('\n'))), submitter, origin);

    // Assess
    expect(report).toMatchObject({ rows: count, created: count, duplicates: 0 });
    expect(store.batches).toEqual(batches);
    expect(store.records.size).toBe(count);
  });

  it('reads quoted cells spanning lines and reports a bad row at the line it starts on', async () => {
    // Prepare
    const { service } = setup();
    const file = 'text,csat\n"first\nsecond",5\n"bad\nrow\nhere",x\nlast,3\n';

    // Act
    const report = await service.run(bufferSource(Buffer.from(file)), submitter, origin);

    // Assess
    expect(report.rows).toBe(3);
    expect(report.rejected).toEqual([
      { row: 3, line: 4, issues: [{ path: 'csat', message: 'must be a whole number' }] },
    ]);
  });

  it('takes a UTF-8 BOM before a quoted header, skips blank lines and short rows, CRLF line ends', async () => {
    // Prepare
    const { service, store } = setup();
    const file = '\uFEFF"text","reference"\r\nFirst,R1\r\n\r\nSecond only text\r\n';

    // Act
    const report = await service.run(bufferSource(Buffer.from(file)), submitter, origin);

    // Assess
    expect(report).toMatchObject({ rows: 2, created: 2, rejected: [] });
    expect([...store.records.values()].map((r) => [r.text, r.reference])).toEqual([
      ['First', 'R1'],
      ['Second only text', null],
    ]);
  });

  it('refuses an unusable header row and writes nothing', async () => {
    // Prepare
    const { service, store, audit } = setup();

    // Act
    const error = await refusal(
      service.run(bufferSource(Buffer.from('comment,text\nx,y\n')), submitter, origin),
    );

    // Assess
    expect(error.code).toBe('validation_error');
    expect(error.message).toBe('The file’s header row is not usable.');
    expect(error.issues).toEqual([
      { path: 'header.comment', message: expect.stringContaining('not a known column') },
    ]);
    expect(store.records.size).toBe(0);
    expect(audit).toEqual([]);
  });

  it.each([
    ['an empty file', '', 'The file is empty: send a header row and data rows.', []],
    [
      'a header without rows',
      'text,channel\n',
      'The file has a header but no data rows.',
      [{ path: '(file)', message: 'has no data rows' }],
    ],
    [
      'a file with no valid row',
      'text,csat\nA,x\n,3\n',
      'No row of the file is valid; nothing was imported.',
      [
        { path: 'row 2.csat', message: 'must be a whole number' },
        { path: 'row 3.text', message: expect.any(String) },
      ],
    ],
  ])('refuses %s and writes nothing', async (_, file, message, issues) => {
    // Prepare
    const { service, store, audit } = setup();

    // Act
    const error = await refusal(service.run(bufferSource(Buffer.from(file)), submitter, origin));

    // Assess
    expect(error.code).toBe('validation_error');
    expect(error.message).toBe(message);
    expect(error.issues ?? []).toEqual(issues);
    expect(store.records.size).toBe(0);
    expect(audit).toEqual([]);
  });

  it('names at most the first 100 bad rows when none is valid', async () => {
    // Prepare
    const { service } = setup();
    const file = ['text,csat', ...Array.from({ length: 101 }, (_, i) => `Row ${i + 2},x`)].join('\n');

    // Act
    const error = await refusal(service.run(bufferSource(Buffer.from(file)), submitter, origin));

    // Assess
    expect(error.issues).toHaveLength(100);
    expect(error.issues?.at(-1)).toEqual({ path: 'row 101.csat', message: 'must be a whole number' });
  });

  it('refuses a file that is not CSV, naming the line', async () => {
    // Prepare
    const { service, store } = setup();

    // Act
    const error = await refusal(
      service.run(bufferSource(Buffer.from('text\nfine\nab"c"d\n')), submitter, origin),
    );

    // Assess
    expect(error.code).toBe('validation_error');
    expect(error.message).toMatch(/^The file is not valid CSV: ./);
    expect(error.issues).toEqual([{ path: 'line 3', message: expect.stringContaining('line 3') }]);
    expect(store.records.size).toBe(0);
  });

  it('fails with the source’s own error when reading the file fails (a retry may succeed)', async () => {
    // Prepare
    const { service, store } = setup();
    const failing: ImportSource = {
      bytes: 12,
      open: async function* () {
        yield 'text\nhello\n';
        throw new Error('connection reset');
      },
    };

    // Act
    const error = await service.run(failing, submitter, origin).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as Error).message).toBe('connection reset');
    expect(store.records.size).toBe(0);
  });
});

describe('bufferSource', () => {
  it('gives the body in views of IMPORT_CHUNK_BYTES, as often as it is opened', async () => {
    // Prepare
    const body = Buffer.alloc(16 * 1024 + 10, 'a');
    body.write('end', body.byteLength - 3);
    const source = bufferSource(body);

    // Act
    const read = async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of source.open()) chunks.push(chunk as Buffer);
      return chunks;
    };
    const first = await read();
    const second = await read();

    // Assess
    expect(IMPORT_CHUNK_BYTES).toBe(16 * 1024);
    expect(source.bytes).toBe(16 * 1024 + 10);
    expect(first.map((chunk) => chunk.byteLength)).toEqual([16 * 1024, 10]);
    expect(Buffer.concat(first).equals(body)).toBe(true);
    expect(second.map((chunk) => chunk.byteLength)).toEqual([16 * 1024, 10]);
  });

  it('gives nothing for an empty body', async () => {
    // Prepare
    const source = bufferSource(Buffer.alloc(0));

    // Act
    const chunks: unknown[] = [];
    for await (const chunk of source.open()) chunks.push(chunk);

    // Assess
    expect(chunks).toEqual([]);
    expect(source.bytes).toBe(0);
  });
});
