import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../shared/config/runtime-config.ts';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';

describe('retention configuration (contract §11)', () => {
  it('defaults to erasing personal data after 1095 days and keeping records 1825 days', () => {
    const config = parseStackConfig(undefined);
    expect(config).toMatchObject({ personalDataRetentionDays: 1095, recordRetentionDays: 1825 });
  });

  it('refuses at synth a record kept shorter than its personal data, naming the field', () => {
    expect(() => parseStackConfig({ personalDataRetentionDays: 800, recordRetentionDays: 700 })).toThrow(
      /personalDataRetentionDays: must not exceed recordRetentionDays/,
    );
    expect(() => parseStackConfig({ recordRetentionDays: 29 })).toThrow(/recordRetentionDays/);
  });

  it('reads the former retentionDays as recordRetentionDays, at synth and in the functions', () => {
    expect(parseStackConfig({ retentionDays: 2000 }).recordRetentionDays).toBe(2000);
    expect(parseStackConfig({ retentionDays: 2000, recordRetentionDays: 1900 }).recordRetentionDays).toBe(
      1900,
    );
    expect(decodeConfig(JSON.stringify({ retentionDays: 2000 })).recordRetentionDays).toBe(2000);
  });
});
