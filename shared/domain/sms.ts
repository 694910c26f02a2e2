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
  const frame = reference
    ? TEMPLATES[locale].withRef.replace('{ref}', reference.slice(0, 20))
    : TEMPLATES[locale].withoutRef;
  const text = resolution.replace(/\s+/g, ' ').trim();
  const whole = frame.replace('{text}', text);
  if (fitsOneSegment(whole)) return whole;
  const chars = [...text];
  // No kept part can be longer than a segment, so start there and shorten until it fits.
  // Stryker disable next-line MethodExpression: starting longer only adds cuts that cannot fit (speed only)
  let keep = Math.min(chars.length, SMS_SEGMENT_LIMITS.gsm7);
  // A frame is at most 48 UTF-16 (68 GSM) units, so one character and `…` always fit: the loop
  // returns by keep = 1 and the frame-only answer below is a guard that no input reaches.
  // Stryker disable next-line EqualityOperator: keep = 0 is never reached (see above)
  for (; keep > 0; keep -= 1) {
    const cut = chars.slice(0, keep).join('').trimEnd();
    const gsm = frame.replace('{text}', `${cut}...`);
    if (smsEncoding(gsm).encoding === 'gsm7' && fitsOneSegment(gsm)) return gsm;
    // `…` is not in the GSM alphabet, so this candidate is always UCS-2.
    const ucs = frame.replace('{text}', `${cut}…`);
    if (fitsOneSegment(ucs)) return ucs;
  }
  // Stryker disable next-line all: unreachable (see the loop), kept so the function stays total
  return frame.replace('{text}', '').replace(/[:：]\s*$/, '');
}
