import { describe, expect, it } from 'vitest';
import { type ImportHeader, readImportHeader, readImportRow } from '../../../shared/domain/csv-import.ts';
import { e164In } from '../../../shared/domain/phone-numbers.ts';

// Contract §9: the columns an import file may have, in the order the error message lists them.
const KNOWN =
  'is not a known column (known: text, channel, language, receivedOn, customerEmail, customerPhone, consent, csat, nps, anonymous, reference)';

const context = {
  defaultChannel: 'in_person' as const,
  defaultCountry: 'CN',
  phones: e164In('CN'),
  timezone: 'Asia/Shanghai',
  now: new Date('2026-11-24T02:00:00.000Z'), // 10:00 on 24 Nov in Shanghai
};
const NOW = '2026-11-24T02:00:00.000Z';

function header(...columns: string[]): ImportHeader {
  const read = readImportHeader(columns);
  if (Array.isArray(read)) throw new Error(JSON.stringify(read));
  return read;
}

describe('import header, cell by cell', () => {
  it('reads column names without their surrounding spaces', () => {
    // Act
    const read = readImportHeader([' text ', 'channel  ']);

    // Assess
    expect(read).toBeInstanceOf(Map);
    expect([...(read as ImportHeader)]).toEqual([
      ['text', 0],
      ['channel', 1],
    ]);
  });

  it('names an unknown or empty column (by its 1-based position) and lists the known ones', () => {
    // Act
    const issues = readImportHeader(['text', '', 'Text', '  ']);

    // Assess
    expect(issues).toEqual([
      { path: 'header.(column 2)', message: KNOWN },
      { path: 'header.Text', message: KNOWN },
      { path: 'header.(column 4)', message: KNOWN },
    ]);
  });
});

describe('import row, cell by cell', () => {
  it('turns a text-only row into exactly channel and text, received at the import instant', () => {
    // Act
    const row = readImportRow(header('text'), ['Kind staff'], context);

    // Assess: no empty customer, ratings, consent, anonymous, language or reference
    expect(row).toStrictEqual({
      ok: true,
      input: { channel: 'in_person', text: 'Kind staff' },
      receivedAt: NOW,
      receivedOn: null,
    });
  });

  it('trims every cell, keeps the inner spaces of the text, and reads a blank cell as absent', () => {
    // Prepare
    const h = header('text', 'channel', 'language', 'reference', 'customerEmail', 'consent', 'anonymous');

    // Act
    const row = readImportRow(
      h,
      ['  two  spaces  ', ' web ', ' en ', ' B-7 ', ' li@example.com ', ' True ', '   '],
      context,
    );
    const blank = readImportRow(header('text', 'channel'), ['x', '   '], context);

    // Assess
    expect(row).toStrictEqual({
      ok: true,
      input: {
        channel: 'web',
        text: 'two  spaces',
        language: 'en',
        reference: 'B-7',
        customer: { email: 'li@example.com' },
        consent: { contact: true },
      },
      receivedAt: NOW,
      receivedOn: null,
    });
    expect(blank).toMatchObject({ ok: true, input: { channel: 'in_person', text: 'x' } });
  });

  it('ignores blank cells past the header, refuses filled ones', () => {
    // Act
    const blanks = readImportRow(header('text'), ['x', '', '  '], context);
    const filled = readImportRow(header('text'), ['x', '', ' y '], context);

    // Assess
    expect(blanks).toMatchObject({ ok: true, input: { text: 'x' } });
    expect(filled).toEqual({
      ok: false,
      issues: [{ path: '(row)', message: 'has 3 cells; the header has 1' }],
    });
  });

  it.each([
    ['False', 'TRUE', { anonymous: false, consent: { contact: true } }],
    ['true', 'false', { anonymous: true, consent: { contact: false } }],
  ])('reads anonymous %j and consent %j as booleans', (anonymous, consent, expected) => {
    // Act
    const row = readImportRow(header('text', 'anonymous', 'consent'), ['x', anonymous, consent], context);

    // Assess
    expect(row).toStrictEqual({
      ok: true,
      input: { channel: 'in_person', text: 'x', ...expected },
      receivedAt: NOW,
      receivedOn: null,
    });
  });

  it.each([
    ['', '10', { ratings: { nps: 10 } }],
    ['', '0', { ratings: { nps: 0 } }],
    ['5', '', { ratings: { csat: 5 } }],
    ['1', '9', { ratings: { csat: 1, nps: 9 } }],
  ])('reads csat %j and nps %j as whole numbers', (csat, nps, expected) => {
    // Act
    const row = readImportRow(header('text', 'csat', 'nps'), ['x', csat, nps], context);

    // Assess
    expect(row).toStrictEqual({
      ok: true,
      input: { channel: 'in_person', text: 'x', ...expected },
      receivedAt: NOW,
      receivedOn: null,
    });
  });

  it.each([
    ['consent', 'yes', 'must be true or false'],
    ['anonymous', '1', 'must be true or false'],
    ['csat', '4x', 'must be a whole number'],
    ['csat', 'x4', 'must be a whole number'],
    ['csat', '4.5', 'must be a whole number'],
    ['nps', '1000', 'must be a whole number'],
    ['nps', '-1', 'must be a whole number'],
  ])('refuses %s %j: %s', (column, value, message) => {
    // Act
    const row = readImportRow(header('text', column), ['x', value], context);

    // Assess
    expect(row).toEqual({ ok: false, issues: [{ path: column, message }] });
  });

  it('reports one issue per column even when the schema finds two in one cell', () => {
    // Prepare: malformed and longer than 254 characters
    const email = 'x'.repeat(300);

    // Act
    const row = readImportRow(header('text', 'customerEmail'), ['x', email], context);

    // Assess
    expect(row).toEqual({ ok: false, issues: [{ path: 'customerEmail', message: 'Invalid email address' }] });
  });
});

describe('import row, receivedOn', () => {
  it.each([
    '2026-09-30T10:00',
    '+002026-09-30',
    ' 2026-09-30x',
    '2026-02-30',
    '30/09/2026',
  ])('refuses %j: not a plain calendar date', (value) => {
    // Act
    const row = readImportRow(header('text', 'receivedOn'), ['x', value], context);

    // Assess
    expect(row).toEqual({
      ok: false,
      issues: [{ path: 'receivedOn', message: 'must be a date YYYY-MM-DD' }],
    });
  });

  it('refuses tomorrow in the calendar timezone', () => {
    // Act
    const row = readImportRow(header('text', 'receivedOn'), ['x', '2026-11-25'], context);

    // Assess
    expect(row).toEqual({
      ok: false,
      issues: [{ path: 'receivedOn', message: 'must not be in the future' }],
    });
  });

  it('receives each past date at the start of its own day in the calendar timezone', () => {
    // Act
    const first = readImportRow(header('text', 'receivedOn'), ['x', '2026-09-30'], context);
    const second = readImportRow(header('text', 'receivedOn'), ['x', '2026-07-01'], context);
    const again = readImportRow(header('text', 'receivedOn'), ['x', '2026-09-30'], context);

    // Assess: midnight in Shanghai is 16:00 UTC the day before
    expect(first).toMatchObject({
      ok: true,
      receivedAt: '2026-09-29T16:00:00.000Z',
      receivedOn: '2026-09-30',
    });
    expect(second).toMatchObject({
      ok: true,
      receivedAt: '2026-06-30T16:00:00.000Z',
      receivedOn: '2026-07-01',
    });
    expect(again).toMatchObject({
      ok: true,
      receivedAt: '2026-09-29T16:00:00.000Z',
      receivedOn: '2026-09-30',
    });
  });

  it('decides what today is in the calendar timezone, whatever the process zone', () => {
    // Prepare: at 12:00 UTC it is already 25 Nov (02:00) at UTC+14 and still 24 Nov (01:00) at UTC-11
    const now = new Date('2026-11-24T12:00:00.000Z');
    const east = { ...context, timezone: 'Pacific/Kiritimati', now };
    const west = { ...context, timezone: 'Pacific/Pago_Pago', now };
    const h = header('text', 'receivedOn');

    // Act
    const eastToday = readImportRow(h, ['x', '2026-11-25'], east);
    const westToday = readImportRow(h, ['x', '2026-11-24'], west);
    const westTomorrow = readImportRow(h, ['x', '2026-11-25'], west);

    // Assess
    expect(eastToday).toMatchObject({
      ok: true,
      receivedAt: '2026-11-24T12:00:00.000Z',
      receivedOn: '2026-11-25',
    });
    expect(westToday).toMatchObject({
      ok: true,
      receivedAt: '2026-11-24T12:00:00.000Z',
      receivedOn: '2026-11-24',
    });
    expect(westTomorrow).toEqual({
      ok: false,
      issues: [{ path: 'receivedOn', message: 'must not be in the future' }],
    });
  });

  it('lists a row’s own issues in column order before the schema’s', () => {
    // Act
    const row = readImportRow(
      header('text', 'channel', 'receivedOn', 'customerPhone', 'consent', 'csat', 'nps', 'anonymous'),
      ['x', 'fax', 'soon', '12345', 'yes', 'five', '11', 'no'],
      context,
    );

    // Assess
    expect(row).toEqual({
      ok: false,
      issues: [
        {
          path: 'customerPhone',
          message: 'does not normalise to an E.164 number (national numbers are read as CN)',
        },
        { path: 'receivedOn', message: 'must be a date YYYY-MM-DD' },
        { path: 'consent', message: 'must be true or false' },
        { path: 'csat', message: 'must be a whole number' },
        { path: 'anonymous', message: 'must be true or false' },
        { path: 'channel', message: expect.any(String) },
        { path: 'nps', message: expect.any(String) },
      ],
    });
  });
});
