import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Locale } from '../domain/text.ts';

/** Headers of every server-rendered customer page: no script at all, no framing, no caching. */
export const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  vary: 'Accept, Accept-Language',
} as const;

/** An HTML response with {@link HTML_HEADERS}. */
export function htmlResponse(statusCode: number, body: string): APIGatewayProxyResult {
  return { statusCode, headers: { ...HTML_HEADERS }, body };
}

interface Weighted {
  value: string;
  q: number;
  order: number;
}

function weighted(header: string | undefined): Weighted[] {
  return (header ?? '')
    .split(',')
    .map((part, order) => {
      const [value = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { value: value.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => entry.value && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
}

/**
 * True when an `Accept` header prefers HTML over JSON, as a browser's does
 * (`text/html,…,*\/*;q=0.8`). No header, `*\/*` or `application/json` keep JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  for (const { value } of weighted(accept)) {
    if (value === 'text/html' || value === 'application/xhtml+xml') return true;
    if (value === 'application/json' || value === '*/*' || value.endsWith('+json')) return false;
  }
  return false;
}

/** The first of zh-CN / zh-TW / en that an `Accept-Language` header asks for (`en` otherwise). */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  for (const { value } of weighted(header)) {
    const [primary, ...rest] = value.split('-');
    if (primary === 'en') return 'en';
    if (primary === 'zh') {
      return rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? 'zh-TW' : 'zh';
    }
  }
  return 'en';
}

/** The `lang` attribute for a locale (contract §5: `zh-CN`, `zh-TW`, `en`). */
export function htmlLang(locale: Locale): 'en' | 'zh-CN' | 'zh-TW' {
  return locale === 'zh' ? 'zh-CN' : locale;
}

/** Shared page style: readable, high-contrast, visible focus. */
export const PAGE_STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}a{color:#0050b3}a:focus-visible,input:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid #005fcc;outline-offset:2px}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}label{font-weight:600}
.scale{display:flex;gap:.5rem;flex-wrap:wrap}.scale label{display:flex;flex-direction:column;align-items:center;border:2px solid #767676;border-radius:.5rem;padding:.5rem .9rem;cursor:pointer;min-width:2.75rem;font-weight:400}
textarea,input[type=email]{width:100%;box-sizing:border-box;font:inherit;padding:.4rem;border:2px solid #767676;border-radius:.3rem}textarea{min-height:8rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.check label{font-weight:400}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.5rem;border:0;background:#005fcc;color:#fff;cursor:pointer}
.hint{color:#4a4a4a}.error{color:#b00020;font-weight:600}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0}
.status{display:inline-block;padding:.2rem .7rem;border-radius:1rem;background:#e6f0ff;color:#00306e;font-weight:700}
ol.timeline{list-style:none;padding:0;border-left:3px solid #c4c4c4;margin-left:.4rem}ol.timeline li{margin:0 0 .8rem;padding-left:1rem}
.resolution{background:#eefaf0;border-left:4px solid #1b7a35;padding:.6rem 1rem;white-space:pre-wrap}`;
