/** Reads a phone number as E.164 (national numbers in a configured country); undefined when it is not one. */
export type PhoneNormaliser = (raw: string) => string | undefined;

let loading: Promise<typeof import('./phone-numbers.ts')> | undefined;

/**
 * The normaliser for `defaultCountry`, loading libphonenumber (~120 KB of code and metadata, ~7 ms
 * of init) on first use: the functions that may meet a phone number (a closure SMS, a campaign's
 * audience, an import) mostly run without one, so none pays for it at cold start.
 */
export async function loadPhoneNormaliser(defaultCountry: string): Promise<PhoneNormaliser> {
  loading ??= import('./phone-numbers.ts');
  return (await loading).e164In(defaultCountry);
}
