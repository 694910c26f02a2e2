import { describe, expect, it } from 'vitest';
import { decideLatinLanguage, guessLatinLanguages } from '../../../shared/adapters/latin-language-guess.ts';

describe('decideLatinLanguage', () => {
  it('takes franc’s language when the runner-up is clearly behind', () => {
    // Prepare
    const ranked: [string, number][] = [
      ['spa', 1],
      ['ita', 0.67],
    ];

    // Act
    const code = decideLatinLanguage('El personal fue grosero y la cola era muy larga.', ranked);

    // Assess
    expect(code).toBe('es');
  });

  it('keeps a close English call only when the text is full of English function words', () => {
    const close: [string, number][] = [
      ['eng', 1],
      ['ceb', 0.977],
    ];

    expect(decideLatinLanguage('What are your opening hours on Saturday?', close)).toBe('en');
    expect(decideLatinLanguage('Saturday opening hours?? Booking online!', close)).toBeUndefined();
  });

  it('is never sure of a close call in another language, of short text, or of languages Comprehend cannot score', () => {
    expect(
      decideLatinLanguage('Servicio excelente, gracias', [
        ['spa', 1],
        ['por', 0.973],
      ]),
    ).toBeUndefined();
    expect(decideLatinLanguage('too slow', [['eng', 1]])).toBeUndefined();
    expect(
      decideLatinLanguage('Great service, really', [
        ['ron', 1],
        ['deu', 0.75],
      ]),
    ).toBeUndefined();
  });

  it('leaves text with any Han, kana or hangul to the script rule or Comprehend', () => {
    expect(
      decideLatinLanguage('The app is 很好 but the wait was long', [
        ['eng', 1],
        ['nld', 0.5],
      ]),
    ).toBeUndefined();
  });
});

describe('guessLatinLanguages (franc loaded on first use)', () => {
  it('settles clear English and leaves zh, zh-TW, mixed and short texts unsettled', async () => {
    // Prepare
    const texts = [
      'The staff were rude and the queue was very long.',
      '服务太慢了，等了一个小时！',
      '櫃檯人員態度很差，等了很久。',
      'The app 很好 but the queue 太长了',
      'Could you add online booking? It would be nice.',
      'too slow',
      'Le personnel était très impoli et la file était longue.',
    ];

    // Act
    const found = await guessLatinLanguages(texts);

    // Assess
    expect([...found.entries()].sort()).toEqual([
      [0, 'en'],
      [4, 'en'],
      [6, 'fr'],
    ]);
  });

  it('loads nothing and answers empty when no text is Latin-only', async () => {
    expect((await guessLatinLanguages(['服务很好', '櫃檯很好'])).size).toBe(0);
  });
});
