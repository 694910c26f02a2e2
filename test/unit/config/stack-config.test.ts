import { describe, expect, it } from 'vitest';
import {
  decodeConfig,
  encodeConfig,
  functionEnvironment,
  runtimeConfigFromEnv,
} from '../../../shared/config/runtime-config.ts';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';

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
