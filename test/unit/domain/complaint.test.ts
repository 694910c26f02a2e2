import { describe, expect, it } from 'vitest';
import { isComplaint } from '../../../shared/domain/complaint.ts';

describe('isComplaint: the one definition (contract §2)', () => {
  it.each([
    ['complaint', true],
    ['emotional', true],
    ['inquiry', false],
    ['praise', false],
    ['suggestion', false],
    [null, false],
    [undefined, false],
  ] as const)('%s → %s', (type, expected) => {
    expect(isComplaint(type)).toBe(expected);
  });
});
