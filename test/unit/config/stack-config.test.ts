import { describe, expect, it } from 'vitest';
import { functionEnvironment, runtimeConfigFromEnv } from '../../../shared/config/runtime-config.ts';
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

  it('round-trips through the function environment', () => {
    const config = parseStackConfig({ calendar: { timezone: 'Europe/Berlin', holidays: ['2026-12-25'] } });
    const env = functionEnvironment(config, { tableName: 'T', publicBaseUrl: 'https://x.example.com/' });
    expect(runtimeConfigFromEnv(env)).toEqual({
      tableName: 'T',
      publicBaseUrl: 'https://x.example.com',
      stack: config,
    });
  });
});
