import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { StackConfig } from '../config/stack-config.ts';
import { type ImportHeader, type RowContext, readImportHeader, readImportRow } from '../domain/csv-import.ts';
import { DomainError } from '../domain/errors.ts';
import { newFeedbackRecord, type Submitter } from '../domain/feedback.ts';
import { idempotentFeedbackId, requestFingerprint } from '../domain/ids.ts';
import { loadPhoneNormaliser, type PhoneNormaliser } from '../domain/phone-normaliser.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { ImportLog } from '../ports/import-log.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import { type ImportReport, MAX_ROW_ISSUES, type RejectedRow } from '../schemas/import.ts';

/** Rows written at once: the most rows the import holds in memory (one batch). */
export const IMPORT_BATCH_ROWS = 25;

/** A file to import, readable more than once (a buffer, a local path, an S3 object). */
export interface ImportSource {
  open(): AsyncIterable<Buffer | string>;
  bytes: number;
}

export interface ImportServiceDependencies {
  repository: FeedbackRepository;
  log: ImportLog;
  config: Pick<StackConfig, 'importChannel' | 'phoneDefaultCountry' | 'calendar'>;
  now?: () => Date;
}

interface ParsedRow {
  row: number;
  line: number;
  cells: string[];
}

/**
 * Imports a CSV file of feedback in two streaming passes, never holding more than one batch
 * of rows: the first validates every row and hashes the file (a file that is not CSV, lacks
 * the `text` column or has no good row is refused before anything is written); the second
 * writes the accepted rows a batch at a time, each under an id derived from the file's hash and
 * its row, with the same conditional write as the API, so a retried upload adds nothing.
 */
/** The phone reader of a file without a phone column: `readImportRow` never calls it. */
const NO_PHONE_COLUMN: PhoneNormaliser = () => undefined;

export class ImportService {
  readonly #deps: ImportServiceDependencies;

  constructor(deps: ImportServiceDependencies) {
    this.#deps = deps;
  }

  /** How rows are read: libphonenumber is loaded only for a file with a phone column. */
  async #rowContext(header: ImportHeader, now: Date): Promise<RowContext> {
    const { config } = this.#deps;
    return {
      defaultChannel: config.importChannel,
      defaultCountry: config.phoneDefaultCountry,
      // Stryker disable next-line ConditionalExpression: loading libphonenumber for a file without a phone column costs time only
      phones: header.has('customerPhone')
        ? await loadPhoneNormaliser(config.phoneDefaultCountry)
        : NO_PHONE_COLUMN,
      timezone: config.calendar.timezone,
      now,
    };
  }

  /** Runs the import and records it for audit; throws a DomainError for a file it refuses whole. */
  async run(source: ImportSource, submitter: Submitter, origin: { source: 'api' | 's3'; actor: string }) {
    const now = this.#deps.now?.() ?? new Date();

    // Pass 1: validate and hash; nothing is written.
    const hash = createHash('sha256');
    const hashed = async function* () {
      for await (const chunk of source.open()) {
        hash.update(chunk);
        yield chunk;
      }
    };
    const rejected: RejectedRow[] = [];
    let header: ImportHeader | undefined;
    let context: RowContext | undefined;
    let rows = 0;
    for await (const parsed of parseCsv(hashed())) {
      if (!header) {
        const read = readImportHeader(parsed.cells);
        if (Array.isArray(read)) {
          throw new DomainError('validation_error', 'The file’s header row is not usable.', read);
        }
        header = read;
        context = await this.#rowContext(header, now);
        continue;
      }
      rows += 1;
      const row = readImportRow(header, parsed.cells, context as RowContext);
      if (!row.ok)
        // Stryker disable next-line MethodExpression: a row has at most one issue per column and one for extra cells, fewer than MAX_ROW_ISSUES
        rejected.push({ row: parsed.row, line: parsed.line, issues: row.issues.slice(0, MAX_ROW_ISSUES) });
    }
    if (!header)
      throw new DomainError('validation_error', 'The file is empty: send a header row and data rows.');
    if (rows === 0) {
      throw new DomainError('validation_error', 'The file has a header but no data rows.', [
        { path: '(file)', message: 'has no data rows' },
      ]);
    }
    if (rejected.length === rows) {
      throw new DomainError(
        'validation_error',
        'No row of the file is valid; nothing was imported.',
        rejected
          .slice(0, 100)
          .flatMap((r) =>
            r.issues.map((issue) => ({ path: `row ${r.row}.${issue.path}`, message: issue.message })),
          ),
      );
    }
    const fileSha256 = hash.digest('hex');
    const importId = `IMP${idempotentFeedbackId('import-file', fileSha256).slice(3)}`;

    // Pass 2: write the accepted rows, one batch at a time.
    let created = 0;
    let duplicates = 0;
    let batch: FeedbackRecord[] = [];
    const flush = async () => {
      const results = await Promise.all(
        batch.map((record) => this.#deps.repository.create(record, requestFingerprint(record.id))),
      );
      for (const result of results) {
        if (result.outcome === 'created') created += 1;
        else duplicates += 1;
      }
      batch = [];
    };
    const activeHeader = header;
    const activeContext = context as RowContext;
    for await (const parsed of parseCsv(source.open())) {
      if (parsed.row === 1) continue;
      const row = readImportRow(activeHeader, parsed.cells, activeContext);
      if (!row.ok) continue;
      batch.push(
        importedRecord(row, {
          id: idempotentFeedbackId('import', `${fileSha256}#${parsed.row}`),
          now,
          submitter,
          importId,
          rowNumber: parsed.row,
        }),
      );
      if (batch.length >= IMPORT_BATCH_ROWS) await flush();
    }
    // Stryker disable next-line ConditionalExpression: flushing an empty batch writes nothing
    if (batch.length) await flush();

    const report: ImportReport = {
      importId,
      accepted: created + duplicates,
      created,
      duplicates,
      rejected,
      rows,
      fileSha256,
      importedAt: now.toISOString(),
    };
    await this.#deps.log.record({
      importId,
      fileSha256,
      bytes: source.bytes,
      actor: origin.actor,
      source: origin.source,
      at: report.importedAt,
      rows,
      created,
      duplicates,
      rejected: rejected.length,
    });
    return report;
  }
}

/**
 * Bytes the parser is given at a time. A parser turns a whole chunk into records at once, so
 * the chunk size bounds the rows in memory: 16 KB is about a hundred rows of a comment book.
 */
export const IMPORT_CHUNK_BYTES = 16 * 1024;

/** A source over bytes already in memory (the API's request body), fed in small views of it. */
export function bufferSource(body: Buffer): ImportSource {
  return {
    open: () =>
      Readable.from(
        (function* () {
          for (let at = 0; at < body.byteLength; at += IMPORT_CHUNK_BYTES) {
            yield body.subarray(at, at + IMPORT_CHUNK_BYTES);
          }
        })(),
      ),
    bytes: body.byteLength,
  };
}

/**
 * Streams CSV records with their spreadsheet row (header = 1) and the file line each starts
 * on. RFC 4180 quoting (commas, quotes and newlines inside quotes), a UTF-8 BOM, CRLF or LF.
 */
async function* parseCsv(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<ParsedRow> {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: Buffer and string chunks reach the parser alike in object mode
  const input = Readable.from(chunks, { objectMode: false, highWaterMark: IMPORT_CHUNK_BYTES });
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  // `pipe` does not pass a source's error on: a failed read (an S3 stream cut off) would crash the process.
  input.once('error', (error) => parser.destroy(error));
  let row = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      row += 1;
      const innerNewlines = record.reduce((sum, value) => sum + countNewlines(value), 0);
      yield { row, line: info.lines - innerNewlines, cells: record };
    }
  } catch (error) {
    // csv-parse's codes are not all `CSV_…` (an opening quote inside a cell is INVALID_OPENING_QUOTE).
    if (error instanceof CsvError) {
      const csv = error as CsvError & { lines?: number };
      throw new DomainError('validation_error', `The file is not valid CSV: ${csv.message}`, [
        // Stryker disable next-line StringLiteral: csv-parse's errors carry the line; the fallback is a guard
        { path: `line ${csv.lines ?? '?'}`, message: csv.message },
      ]);
    }
    throw error;
  }
}

function countNewlines(value: string): number {
  let count = 0;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) count += 1;
  return count;
}

function importedRecord(
  row: Extract<ReturnType<typeof readImportRow>, { ok: true }>,
  meta: { id: string; now: Date; submitter: Submitter; importId: string; rowNumber: number },
): FeedbackRecord {
  const record = newFeedbackRecord(row.input, meta.id, meta.now, meta.submitter);
  const [received] = record.history;
  return {
    ...record,
    receivedAt: row.receivedAt,
    // Deadlines and the escalation ladder run from the import, not from the paper's date.
    clockStartedAt: meta.now.toISOString(),
    history: [
      {
        ...(received as FeedbackRecord['history'][number]),
        source: 'import',
        importId: meta.importId,
        row: meta.rowNumber,
        ...(row.receivedOn ? { receivedOn: row.receivedOn } : {}),
      },
    ],
  };
}
