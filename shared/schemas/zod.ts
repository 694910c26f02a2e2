/**
 * The one zod every runtime module imports: `zod/mini` with the English messages loaded.
 *
 * Classic `zod` attaches some sixty methods to every schema it builds and its `z` export keeps every
 * locale, so each API function paid ~50 ms of init for validation alone (`npm run bench:init-parts`).
 * `zod/mini` builds plain schemas and, imported as a namespace (`import * as z from './zod.ts'`,
 * property access only), lets esbuild keep only the constructors and checks a function uses.
 * Mini ships no messages, so English is configured here once: the contract's error bodies stay the
 * ones classic zod produced. The OpenAPI generator reads these same schemas (zod-openapi types
 * against `zod/v4/core`, which mini schemas are).
 */
import { config, globalRegistry, type ZodMiniType } from 'zod/mini';
import type { GlobalMeta } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

/** Classic zod's `.meta(m)`: a clone of `schema` registered with `meta` (clones inherit all but the id). */
export function withMeta<T extends ZodMiniType>(schema: T, meta: GlobalMeta): T {
  const copy = schema.clone();
  globalRegistry.add(copy, meta);
  return copy;
}

/** Classic zod's `.describe(text)`: a clone of `schema` carrying `text` as its description. */
export function withDescription<T extends ZodMiniType>(schema: T, description: string): T {
  return withMeta(schema, { description });
}

/**
 * A module-level schema, built now, that a bundle drops when nothing in it uses the schema. Write
 * `export const x = /* @__PURE__ *\/ z.moduleSchema(() => …)`. zod marks its constructors
 * `@__NO_SIDE_EFFECTS__`, but esbuild honours that only inside the file that declares them
 * (evanw/esbuild#4369): without the wrapper every schema of every module a function imports is
 * built at its cold start, used or not.
 */
export function moduleSchema<T>(build: () => T): T {
  return build();
}
