import type { Channel } from '../schemas/common.ts';
import type { ErrorIssue } from '../schemas/errors.ts';
import { type FeedbackInput, feedbackInputSchema } from '../schemas/feedback-input.ts';
import type { PhoneNormaliser } from './phone-normaliser.ts';
import { dateIn, formatIsoDate, instantOfWallTime, isoInstant, parseIsoDate } from './zoned-time.ts';

/** The columns an import file may have (contract §9); `text` is the only required one. */
export const IMPORT_COLUMNS = [
  'text',
  'channel',
  'language',
  'receivedOn',
  'customerEmail',
  'customerPhone',
  'consent',
  'csat',
  'nps',
  'anonymous',
  'reference',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The largest file `POST /v1/imports` takes (contract §9); larger files go through S3. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Where a column's value lands in the API input, so row issues name the column, not the field. */
const COLUMN_OF_PATH: Record<string, ImportColumn> = {
  text: 'text',
  channel: 'channel',
  language: 'language',
  'customer.email': 'customerEmail',
  'customer.phone': 'customerPhone',
  'consent.contact': 'consent',
  'ratings.csat': 'csat',
  'ratings.nps': 'nps',
  anonymous: 'anonymous',
  reference: 'reference',
};

/** A header row checked against {@link IMPORT_COLUMNS}: each known column's cell index. */
export type ImportHeader = Map<ImportColumn, number>;

/**
 * Checks the header row: every column known, none twice, `text` present. Answers the column
 * positions, or the issues that make the whole file unusable.
 */
export function readImportHeader(cells: readonly string[]): ImportHeader | ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const header: ImportHeader = new Map();
  cells.forEach((raw, index) => {
    const name = raw.trim();
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      issues.push({
        path: `header.${name || `(column ${index + 1})`}`,
        message: `is not a known column (known: ${IMPORT_COLUMNS.join(', ')})`,
      });
      return;
    }
    if (header.has(name as ImportColumn)) {
      issues.push({ path: `header.${name}`, message: 'appears twice' });
      return;
    }
    header.set(name as ImportColumn, index);
  });
  if (!header.has('text')) issues.push({ path: 'header.text', message: 'the text column is required' });
  return issues.length ? issues : header;
}

export interface RowContext {
  /** Channel of a row whose `channel` cell is empty. */
  defaultChannel: Channel;
  /** Country national phone numbers are read in (named in the refusal of one that is not valid). */
  defaultCountry: string;
  /** Reads the phone column as E.164, national numbers in `defaultCountry`. */
  phones: PhoneNormaliser;
  /** The calendar's timezone: `receivedOn` is a date there. */
  timezone: string;
  /** The import instant: deadlines run from it; a `receivedOn` of today (or none) receives now. */
  now: Date;
}

/** One data row, validated: the API input it stands for and the instant it was received. */
export type ImportRow =
  | { ok: true; input: FeedbackInput; receivedAt: string; receivedOn: string | null }
  | { ok: false; issues: ErrorIssue[] };

const BOOLEAN: Record<string, boolean> = { true: true, false: false };

/**
 * Turns one data row into the same input `POST /v1/feedback` takes and validates it with the
 * same schema. An empty cell means absent; booleans are `true`/`false`; `csat`/`nps` whole
 * numbers; `customerPhone` must normalise to E.164; `receivedOn` a past-or-today date.
 */
export function readImportRow(
  header: ImportHeader,
  cells: readonly string[],
  context: RowContext,
): ImportRow {
  const issues: ErrorIssue[] = [];
  const cell = (column: ImportColumn): string | undefined => {
    const index = header.get(column);
    // Stryker disable next-line ConditionalExpression: an absent column would read cells[undefined], undefined as well
    const value = index === undefined ? undefined : cells[index];
    if (value === undefined) return undefined;
    // Only the ends are trimmed, so free text keeps its inner whitespace.
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  // Cells past the header's columns are an error only when they hold something.
  const extra = cells.slice(header.size).filter((value) => value.trim() !== '');
  if (extra.length) {
    issues.push({ path: '(row)', message: `has ${cells.length} cells; the header has ${header.size}` });
  }

  const bool = (column: ImportColumn): boolean | undefined => {
    const value = cell(column);
    if (value === undefined) return undefined;
    const parsed = BOOLEAN[value.toLowerCase()];
    if (parsed === undefined) issues.push({ path: column, message: 'must be true or false' });
    return parsed;
  };
  const whole = (column: ImportColumn): number | undefined => {
    const value = cell(column);
    if (value === undefined) return undefined;
    if (!/^\d{1,3}$/.test(value)) {
      issues.push({ path: column, message: 'must be a whole number' });
      return undefined;
    }
    return Number(value);
  };

  let phone: string | undefined;
  const rawPhone = cell('customerPhone');
  if (rawPhone !== undefined) {
    phone = context.phones(rawPhone);
    if (!phone) {
      issues.push({
        path: 'customerPhone',
        message: `does not normalise to an E.164 number (national numbers are read as ${context.defaultCountry})`,
      });
    }
  }

  const { receivedAt, receivedOn } = receivedInstant(cell('receivedOn'), context, issues);
  const email = cell('customerEmail');
  const consent = bool('consent');
  const csat = whole('csat');
  const nps = whole('nps');
  const anonymous = bool('anonymous');
  const customer = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  const ratings = { ...(csat !== undefined ? { csat } : {}), ...(nps !== undefined ? { nps } : {}) };
  const candidate = {
    channel: cell('channel') ?? context.defaultChannel,
    text: cell('text') ?? '',
    ...optional('language', cell('language')),
    ...(Object.keys(customer).length ? { customer } : {}),
    ...(consent !== undefined ? { consent: { contact: consent } } : {}),
    ...(Object.keys(ratings).length ? { ratings } : {}),
    ...(anonymous !== undefined ? { anonymous } : {}),
    ...optional('reference', cell('reference')),
  };
  const parsed = feedbackInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const column = COLUMN_OF_PATH[path] ?? path;
      // One issue per column: the schema may find several in one cell (a long malformed email).
      if (!issues.some((known) => known.path === column))
        issues.push({ path: column, message: issue.message });
    }
  }
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, input: parsed.data, receivedAt, receivedOn };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * `receivedOn` as an instant: the start of that day in the calendar's timezone, so the row
 * counts in that day's quarter; today's date (or none, or a refused one) is the import instant.
 */
function receivedInstant(
  value: string | undefined,
  context: RowContext,
  issues: ErrorIssue[],
): { receivedAt: string; receivedOn: string | null } {
  const now = context.now.toISOString();
  const dated = value === undefined ? undefined : datedInstant(value, context, issues);
  return dated ?? { receivedAt: now, receivedOn: null };
}

/** A `receivedOn` date's instant; undefined (with its issue) for a bad or future date. */
function datedInstant(
  value: string,
  context: RowContext,
  issues: ErrorIssue[],
): { receivedAt: string; receivedOn: string } | undefined {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfDay(value, context.timezone) : undefined;
  if (!start) {
    issues.push({ path: 'receivedOn', message: 'must be a date YYYY-MM-DD' });
    return undefined;
  }
  const today = formatIsoDate(dateIn(context.now.getTime(), context.timezone));
  if (value > today) {
    issues.push({ path: 'receivedOn', message: 'must not be in the future' });
    return undefined;
  }
  if (value === today) return { receivedAt: context.now.toISOString(), receivedOn: value };
  return { receivedAt: start, receivedOn: value };
}

// A comment book has few distinct dates and many rows: zone arithmetic once per date.
const startOfDayCache = new Map<string, string | undefined>();

/** The UTC instant a calendar date starts in a timezone; undefined for an impossible date. */
function startOfDay(date: string, zone: string): string | undefined {
  const key = `${zone}|${date}`;
  // Stryker disable next-line ConditionalExpression: a memo: recomputing gives the same instant, only slower
  if (startOfDayCache.has(key)) return startOfDayCache.get(key);
  const day = parseIsoDate(date);
  const instant = day ? isoInstant(instantOfWallTime(day, zone)) : undefined;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a memo's bound: clearing early or late changes no answer
  if (startOfDayCache.size >= 4096) startOfDayCache.clear();
  startOfDayCache.set(key, instant);
  return instant;
}
