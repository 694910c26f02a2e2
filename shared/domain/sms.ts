import type { Locale } from './text.ts';

/**
 * One SMS segment: 160 characters when every character is in the GSM 03.38 alphabet (the
 * extension characters `^{}\[~]|€` count twice), else 70 UTF-16 code units (UCS-2). A
 * closure notice is kept to one segment, so it is billed and delivered as one message.
 */
export const SMS_SEGMENT_LIMITS = { gsm7: 160, ucs2: 70 } as const;

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';
const GSM_BASIC_SET = new Set(GSM_BASIC);
const GSM_EXTENSION_SET = new Set(GSM_EXTENSION);

/** How a message is encoded and how many characters of its segment it uses. */
export function smsEncoding(text: string): { encoding: 'gsm7' | 'ucs2'; units: number } {
  let units = 0;
  for (const char of text) {
    if (GSM_BASIC_SET.has(char)) units += 1;
    else if (GSM_EXTENSION_SET.has(char)) units += 2;
    else return { encoding: 'ucs2', units: text.length };
  }
  return { encoding: 'gsm7', units };
}

/** Whether a message fits one segment of its encoding. */
export function fitsOneSegment(text: string): boolean {
  const { encoding, units } = smsEncoding(text);
  return units <= SMS_SEGMENT_LIMITS[encoding];
}

const TEMPLATES: Record<Locale, { withRef: string; withoutRef: string }> = {
  en: { withRef: 'Your feedback {ref} is resolved: {text}', withoutRef: 'Your feedback is resolved: {text}' },
  zh: { withRef: '您的反馈（{ref}）已处理：{text}', withoutRef: '您的反馈已处理：{text}' },
  'zh-TW': { withRef: '您的意見（{ref}）已處理：{text}', withoutRef: '您的意見已處理：{text}' },
};

/**
 * The closure notice as one SMS segment, in the feedback's language: the reference (if the
 * channel gave one) and as much of the resolution as fits, cut with an ellipsis (`...` in
 * GSM text, `…` in UCS-2). Links do not fit one segment; the text tells the outcome itself.
 */
export function closureSms(locale: Locale, resolution: string, reference: string | null): string {
  const template = reference ? TEMPLATES[locale].withRef : TEMPLATES[locale].withoutRef;
  const frame = template.replace('{ref}', (reference ?? '').slice(0, 20));
  const text = resolution.replace(/\s+/g, ' ').trim();
  const whole = frame.replace('{text}', text);
  if (fitsOneSegment(whole)) return whole;
  const chars = [...text];
  // No kept part can be longer than a segment, so start there and shorten until it fits.
  let keep = Math.min(chars.length, SMS_SEGMENT_LIMITS.gsm7);
  for (; keep > 0; keep -= 1) {
    const cut = chars.slice(0, keep).join('').trimEnd();
    const gsm = frame.replace('{text}', `${cut}...`);
    if (smsEncoding(gsm).encoding === 'gsm7' && fitsOneSegment(gsm)) return gsm;
    const ucs = frame.replace('{text}', `${cut}…`);
    if (smsEncoding(ucs).encoding === 'ucs2' && fitsOneSegment(ucs)) return ucs;
  }
  return frame.replace('{text}', '').replace(/[:：]\s*$/, '');
}
