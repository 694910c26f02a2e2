import { describe, expect, it } from 'vitest';
import { type ImportHeader, readImportHeader, readImportRow } from '../../../shared/domain/csv-import.ts';
import { e164In, toE164 } from '../../../shared/domain/phone-numbers.ts';

const context = {
  defaultChannel: 'in_person' as const,
  defaultCountry: 'CN',
  phones: e164In('CN'),
  timezone: 'Asia/Shanghai',
  now: new Date('2026-11-24T02:00:00.000Z'), // 10:00 on 24 Nov in Shanghai
};

function header(...columns: string[]): ImportHeader {
  const read = readImportHeader(columns);
  if (Array.isArray(read)) throw new Error(JSON.stringify(read));
  return read;
}

describe('import header', () => {
  it('refuses a header without text, with an unknown column or a column twice', () => {
    // Act
    const issues = readImportHeader(['channel', 'comment', 'channel']);

    // Assess
    expect(issues).toEqual([
      { path: 'header.comment', message: expect.stringContaining('is not a known column') },
      { path: 'header.channel', message: 'appears twice' },
      { path: 'header.text', message: 'the text column is required' },
    ]);
  });
});

describe('import row', () => {
  it('maps every contract column to the API input; an empty cell is absent', () => {
    // Prepare
    const h = header(
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
    );

    // Act
    const row = readImportRow(
      h,
      [
        '  Slow queue  ',
        '',
        'en',
        '2026-09-30',
        'li@example.com',
        '138 0013 8000',
        'TRUE',
        '4',
        '',
        'false',
        'B-7',
      ],
      context,
    );

    // Assess
    expect(row).toEqual({
      ok: true,
      input: {
        channel: 'in_person',
        text: 'Slow queue',
        language: 'en',
        customer: { email: 'li@example.com', phone: '+8613800138000' },
        consent: { contact: true },
        ratings: { csat: 4 },
        anonymous: false,
        reference: 'B-7',
      },
      receivedAt: '2026-09-29T16:00:00.000Z',
      receivedOn: '2026-09-30',
    });
  });

  it('receives a row dated today, or undated, at the import instant', () => {
    // Act
    const today = readImportRow(header('text', 'receivedOn'), ['x', '2026-11-24'], context);
    const undated = readImportRow(header('text'), ['x'], context);

    // Assess
    expect(today).toMatchObject({ ok: true, receivedAt: '2026-11-24T02:00:00.000Z' });
    expect(undated).toMatchObject({ ok: true, receivedAt: '2026-11-24T02:00:00.000Z', receivedOn: null });
  });

  it('names each bad cell by its column', () => {
    // Act
    const row = readImportRow(
      header('text', 'channel', 'receivedOn', 'customerPhone', 'consent', 'csat', 'nps'),
      ['', 'fax', '2026-11-25', '12345', 'yes', '4.5', '11'],
      context,
    );

    // Assess
    expect(row.ok).toBe(false);
    const paths = row.ok ? [] : row.issues.map((issue) => issue.path);
    expect(paths.sort()).toEqual([
      'channel',
      'consent',
      'csat',
      'customerPhone',
      'nps',
      'receivedOn',
      'text',
    ]);
  });

  it('refuses a row with more cells than the header', () => {
    // Act
    const row = readImportRow(header('text'), ['x', 'stray'], context);

    // Assess
    expect(row).toEqual({ ok: false, issues: [{ path: '(row)', message: 'has 2 cells; the header has 1' }] });
  });
});

describe('E.164 normalisation', () => {
  it('reads national numbers in the default country and keeps international ones', () => {
    expect(toE164('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(toE164('+44 20 7946 0958', 'CN')).toBe('+442079460958');
    expect(toE164('12345', 'CN')).toBeUndefined();
    expect(toE164('not a phone', 'CN')).toBeUndefined();
  });
});
