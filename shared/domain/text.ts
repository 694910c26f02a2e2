import * as OpenCC from 'opencc-js/t2cn';

/** The template and scoring locales the stack speaks. */
export type Locale = 'en' | 'zh' | 'zh-TW';

const TRADITIONAL_REGIONS = new Set(['TW', 'HK', 'MO']);

/** Maps any BCP-47 tag to the locale family used for scoring and emails (`en` when unknown). */
export function localeOf(tag: string | null | undefined): Locale {
  if (!tag) return 'en';
  const [primary, ...rest] = tag.split('-');
  // Stryker disable next-line OptionalChaining: split always yields a first part; `?.` only satisfies the type checker
  if (primary?.toLowerCase() !== 'zh') return 'en';
  if (rest.some((part) => part.toLowerCase() === 'hant' || TRADITIONAL_REGIONS.has(part.toUpperCase())))
    return 'zh-TW';
  return 'zh';
}

// Building the converter loads its dictionary (~15 ms): only functions that convert pay for it.
let converter: ((text: string) => string) | undefined;
function toSimplified(text: string): string {
  const convert = converter ?? OpenCC.Converter({ from: 'twp', to: 'cn' });
  converter = convert;
  return convert(text);
}
const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** Lower-cased, traditional characters turned simplified: what cue and keyword matching reads. */
export function normalizeForMatching(text: string): string {
  return toSimplified(text.toLowerCase());
}

/** Converts traditional Chinese to simplified (other text passes through unchanged). */
export function simplify(text: string): string {
  return toSimplified(text);
}

/**
 * A script-based guess of zh, zh-TW or en, for the built-in scorer (Comprehend detects
 * language itself when deployed). Chinese is traditional when converting it changes at least
 * one in twenty of its characters.
 */
export function guessLanguage(text: string): Locale {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 || latin > han * 3) return 'en';
  const simplified = toSimplified(text);
  let changed = 0;
  // Stryker disable next-line EqualityOperator: past the end both strings read undefined (OpenCC keeps the length)
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== simplified[i]) changed += 1;
  }
  return changed * 20 >= han ? 'zh-TW' : 'zh';
}

const KANA_OR_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * `zh` or `zh-TW` when the script alone settles it: Chinese characters make up most of the
 * letters and there is no kana or hangul (which would make it Japanese or Korean). Otherwise
 * undefined: Latin script could be any of many languages, so a detector must decide.
 */
export function chineseVariantIfUnambiguous(text: string): 'zh' | 'zh-TW' | undefined {
  if (KANA_OR_HANGUL.test(text)) return undefined;
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 || han < latin * 2) return undefined;
  // Han is at least two thirds of the letters here, so the guess is never en.
  return guessLanguage(text) === 'zh-TW' ? 'zh-TW' : 'zh';
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}
