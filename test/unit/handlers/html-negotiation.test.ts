import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, prefersHtml } from '../../../shared/web/html-response.ts';

describe('content negotiation for customer pages', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/json', false],
    ['*/*', false],
    [undefined, false],
    ['application/json;q=0.5, text/html', true],
    ['text/html;q=0.1, application/json;q=0.9', false],
  ])('Accept %s prefers HTML: %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });

  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['fr-FR, en;q=0.5', 'en'],
    ['de', 'en'],
    ['en-GB;q=0.2, zh;q=0.9', 'zh'],
  ])('Accept-Language %s reads as %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
