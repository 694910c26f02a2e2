import { describe, expect, it } from 'vitest';
import { overridesOf, withOverrides } from '../../../shared/config/config-overrides.ts';
import { encodeConfig, functionEnvironment } from '../../../shared/config/function-environment.ts';
import { decodeConfig, runtimeConfigFromEnv } from '../../../shared/config/runtime-config.ts';
import { isTimeZone, parseStackConfig } from '../../../shared/config/stack-config.ts';
import { STACK_CONFIG_DEFAULTS } from '../../../shared/config/stack-config-defaults.ts';

describe('deploy-time configuration', () => {
  it('defaults to the contract’s policy: Asia/Shanghai, Mon–Fri 09:00–18:00', () => {
    const config = parseStackConfig(undefined);
    expect(config.calendar).toEqual({
      timezone: 'Asia/Shanghai',
      workingDays: [1, 2, 3, 4, 5],
      workingHours: { start: '09:00', end: '18:00' },
      holidays: [],
      makeUpWorkdays: [],
    });
    expect(config.escalationEmails).toEqual(['lead@example.com', 'manager@example.com']);
  });

  it('names every invalid field in one error', () => {
    expect(() =>
      parseStackConfig({
        calendar: { timezone: 'Mars/Olympus', workingHours: { start: '18:00', end: '09:00' } },
        escalationEmails: ['not-an-email'],
      }),
    ).toThrow(/calendar\.timezone[\s\S]*calendar\.workingHours[\s\S]*escalationEmails\.0/);
  });

  it('round-trips the deployer’s input through the function environment', () => {
    const input = { calendar: { timezone: 'Europe/Berlin', holidays: ['2026-12-25'] } };
    const env = functionEnvironment(input, { tableName: 'T', publicBaseUrl: 'https://x.example.com/' });
    expect(runtimeConfigFromEnv(env)).toEqual({
      tableName: 'T',
      publicBaseUrl: 'https://x.example.com',
      stack: parseStackConfig(input),
    });
  });

  it('compresses a large configuration to fit Lambda’s environment, and refuses one that cannot fit', () => {
    const holidays = Array.from({ length: 120 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i * 3)).toISOString().slice(0, 10),
    );
    const encoded = encodeConfig({ calendar: { holidays } });
    expect(encoded.startsWith('gz:')).toBe(true);
    expect(encoded.length).toBeLessThan(3000);
    expect(decodeConfig(encoded).calendar.holidays).toEqual(holidays);
    const noise = Array.from(
      { length: 3000 },
      (_, i) => `${i.toString(36)}${Math.sin(i).toString(36).slice(2, 12)}`,
    );
    const huge = {
      policy: { taxonomy: [{ id: 'x', label: { en: 'x', zh: 'x', 'zh-TW': 'x' }, keywords: noise }] },
    };
    expect(() => encodeConfig(huge)).toThrow(/too large/);
  });
});

describe('the configuration a function decodes without the schema', () => {
  it('has the schema’s defaults committed (run `npm run config:defaults` after changing them)', () => {
    expect(STACK_CONFIG_DEFAULTS).toEqual(parseStackConfig({}));
  });

  it('carries only what differs from the defaults, arrays whole', () => {
    const input = {
      calendar: { timezone: 'Europe/Berlin', holidays: ['2026-12-25'] },
      policy: { strongNegativeScore: 0.7 },
      senderEmail: 'feedback@example.com',
    };

    const encoded = encodeConfig(input);

    expect(JSON.parse(encoded)).toEqual({
      calendar: { timezone: 'Europe/Berlin', holidays: ['2026-12-25'] },
      policy: { strongNegativeScore: 0.7 },
    });
    expect(decodeConfig(encoded)).toEqual(parseStackConfig(input));
  });

  it('decodes nothing set as the defaults, and refuses a value that is not an object', () => {
    expect(encodeConfig({})).toBe('{}');
    expect(decodeConfig('{}')).toEqual(parseStackConfig({}));
    expect(() => decodeConfig('[]')).toThrow(/SERVICE_FEEDBACK_CONFIG must be a JSON object/);
    expect(() => decodeConfig('null')).toThrow(/must be a JSON object/);
  });

  it('refuses an invalid configuration at synth, before anything is encoded', () => {
    expect(() => encodeConfig({ calendar: { timezone: 'Mars/Olympus' } })).toThrow(/calendar\.timezone/);
  });

  it.each([
    ['a changed leaf', { a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, { a: { c: 3 } }],
    ['an array, whole', { a: [1, 2] }, { a: [1, 2, 3] }, { a: [1, 2, 3] }],
    ['a key the defaults lack', { a: 1 }, { a: 1, b: { c: 1 } }, { b: { c: 1 } }],
    ['an object replacing a scalar', { a: 1 }, { a: { b: 1 } }, { a: { b: 1 } }],
    ['nothing changed', { a: { b: [1] } }, { a: { b: [1] } }, {}],
  ])('overridesOf: %s, and withOverrides rebuilds it', (_, defaults, resolved, expected) => {
    expect(overridesOf(resolved, defaults)).toEqual(expected);
    expect(withOverrides(defaults, overridesOf(resolved, defaults))).toEqual(resolved);
  });

  it('withOverrides leaves the defaults untouched', () => {
    const defaults = { a: { b: 1, c: 2 } };

    const merged = withOverrides(defaults, { a: { c: 3 } });

    expect(merged).toEqual({ a: { b: 1, c: 3 } });
    expect(defaults).toEqual({ a: { b: 1, c: 2 } });
  });
});

describe('isTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['Asia/Taipei', true],
    ['Europe/Berlin', true],
    // Not in the platform's canonical list: answered by the formatter.
    ['UTC', true],
    ['Asia/Calcutta', true],
    ['Mars/Olympus', false],
    ['', false],
    ['Asia/', false],
  ])('%j is a time zone: %s', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });
});
