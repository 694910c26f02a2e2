/**
 * A language for Latin-script text when a local detector is sure of it, so Comprehend's
 * `BatchDetectDominantLanguage` (a billed document per text) runs only for the rest.
 *
 * The detector is franc (trigram profiles, `franc-min`); it is loaded on first use, so only
 * the functions that score sentiment ever pay for it. Franc alone is unreliable on short
 * texts ("Great service" comes out Romanian), so it is trusted only when a second signal
 * agrees: its best language leads the runner-up clearly, or — for English — the text is
 * full of English function words.
 */

/** franc's ISO 639-3 codes for the Latin-script languages Comprehend scores sentiment in. */
const COMPREHEND_LATIN: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  por: 'pt',
};

/** Fewer letters than this and no detector is sure of anything. */
const MIN_LETTERS = 10;
/** franc scores the best language 1; a runner-up at or above this is too close to call. */
const RUNNER_UP_AT_MOST = 0.9;
/** Share of words that must be English function words for a close English call to stand. */
const ENGLISH_FUNCTION_SHARE = 0.25;

const ENGLISH_FUNCTION_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from about as into than then ' +
    'i me my we our you your he she it its they them their this that these those ' +
    'is are was were be been being am do does did have has had will would can could should may might must ' +
    'not no very so too what when where why how who which there here all any some more most please thanks thank'
  ).split(' '),
);

const NOT_LATIN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Thai}]/u;
const LETTER = /\p{L}/gu;
const WORD = /\p{L}+(?:'\p{L}+)?/gu;

type FrancAll = (text: string, options?: { minLength?: number }) => [string, number][];
let francAll: Promise<FrancAll> | undefined;

function englishFunctionShare(text: string): { share: number; hits: number } {
  const words = text.toLowerCase().match(WORD) ?? [];
  const hits = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
  return { share: words.length === 0 ? 0 : hits / words.length, hits };
}

/**
 * The decision on one text, given franc's ranked scores: a Comprehend language code, or
 * undefined when the text is not Latin-only, too short, or the call is not clear.
 */
export function decideLatinLanguage(text: string, ranked: readonly [string, number][]): string | undefined {
  if (NOT_LATIN.test(text)) return undefined;
  if ((text.match(LETTER)?.length ?? 0) < MIN_LETTERS) return undefined;
  const [best, runnerUp] = ranked;
  const code = best ? COMPREHEND_LATIN[best[0]] : undefined;
  if (!code) return undefined;
  if ((runnerUp?.[1] ?? 0) < RUNNER_UP_AT_MOST) return code;
  if (code !== 'en') return undefined;
  const { share, hits } = englishFunctionShare(text);
  return hits >= 2 && share >= ENGLISH_FUNCTION_SHARE ? code : undefined;
}

/**
 * Languages for the texts a local detector is sure of (by index); the others are left out.
 * Loads franc on the first call that has a Latin-only text to look at.
 */
export async function guessLatinLanguages(texts: readonly string[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const candidates = texts
    .map((text, index) => ({ text, index }))
    .filter(({ text }) => !NOT_LATIN.test(text) && (text.match(LETTER)?.length ?? 0) >= MIN_LETTERS);
  if (candidates.length === 0) return found;
  francAll ??= import('franc-min').then((m) => m.francAll as FrancAll);
  const detect = await francAll;
  for (const { text, index } of candidates) {
    const code = decideLatinLanguage(text, detect(text, { minLength: MIN_LETTERS }));
    if (code) found.set(index, code);
  }
  return found;
}
