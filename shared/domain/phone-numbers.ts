import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { PhoneNormaliser } from './phone-normaliser.ts';

/**
 * A phone number in E.164 (`+8613800000000`), reading national numbers in `defaultCountry`;
 * undefined when it is not a valid number.
 */
export function toE164(raw: string, defaultCountry: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** {@link toE164} with national numbers read in `defaultCountry`. */
export function e164In(defaultCountry: string): PhoneNormaliser {
  return (raw) => toE164(raw, defaultCountry);
}
