import { describe, expect, it } from 'vitest';
import { loadPhoneNormaliser } from '../../../shared/domain/phone-normaliser.ts';
import { e164In } from '../../../shared/domain/phone-numbers.ts';

describe('phone normalisers', () => {
  it.each([
    ['CN', '138 0013 8000', '+8613800138000'],
    ['CN', '+44 20 7946 0958', '+442079460958'],
    ['GB', '020 7946 0958', '+442079460958'],
    ['GB', '138 0013 8000', undefined],
    ['CN', '12345', undefined],
  ])('in %s reads %s as %s', (country, raw, expected) => {
    expect(e164In(country)(raw)).toBe(expected);
  });

  it('are the same when loaded on first use', async () => {
    // Act
    const [cn, gb] = await Promise.all([loadPhoneNormaliser('CN'), loadPhoneNormaliser('GB')]);

    // Assess
    expect(cn('138 0013 8000')).toBe('+8613800138000');
    expect(gb('020 7946 0958')).toBe('+442079460958');
    expect(gb('138 0013 8000')).toBeUndefined();
  });
});
