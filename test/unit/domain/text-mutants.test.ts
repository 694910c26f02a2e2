import { describe, expect, it } from 'vitest';
import { chineseVariantIfUnambiguous, guessLanguage, localeOf } from '../../../shared/domain/text.ts';

describe('localeOf: traditional script or region, in any letter case', () => {
  it.each([
    ['zh-Hant', 'zh-TW'],
    ['zh-hant', 'zh-TW'],
    ['ZH-HANT', 'zh-TW'],
    ['zh-tw', 'zh-TW'],
    ['zh-mo', 'zh-TW'],
    ['ZH', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['zh-SG', 'zh'],
    ['', 'en'],
    ['ja-JP', 'en'],
  ])('localeOf(%j) → %s', (tag, expected) => {
    // Act
    const locale = localeOf(tag);
    // Assess
    expect(locale).toBe(expected);
  });
});

describe('guessLanguage: English past three Latin letters per Han character; traditional from one changed in twenty', () => {
  it.each([
    // 1 Han, 3 Latin letters: not more than three per Han character → Chinese
    ['好abc', 'zh'],
    // 1 Han, 4 Latin letters → English
    ['好abcd', 'en'],
    ['读书 abcdefghij', 'en'],
    // 讀 is the one traditional character: 1 of 20 Han characters → traditional
    [`讀${'好'.repeat(19)}`, 'zh-TW'],
    // 1 of 21 → simplified
    [`讀${'好'.repeat(20)}`, 'zh'],
  ])('guessLanguage(%s) → %s', (text, expected) => {
    // Act
    const guess = guessLanguage(text);
    // Assess
    expect(guess).toBe(expected);
  });
});

describe('chineseVariantIfUnambiguous: Han at least twice the Latin letters, else a detector decides', () => {
  it.each([
    // 3 Han, 4 Latin: 3 < 8
    ['好好好 abcd', undefined],
    // 2 Han, 1 Latin: exactly twice
    ['好好a', 'zh'],
    ['讀書a', 'zh-TW'],
    ['讀書', 'zh-TW'],
    // No letters of either script
    ['1234', undefined],
    ['😀👍', undefined],
  ])('%s → %s', (text, expected) => {
    // Act
    const variant = chineseVariantIfUnambiguous(text);
    // Assess
    expect(variant).toBe(expected);
  });
});
