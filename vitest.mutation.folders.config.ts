import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.mutation.config.ts';

// The per-folder runs (`npm run test:mutation`): test files share one module graph per worker,
// so a mutant's re-run does not re-import zod, luxon and the SDK. It took the dry run from 60 s
// to 11 s and mutant runs from about 5 to 10–25 a minute on the shared cores. Static mutants
// (which need a fresh module graph) are ignored there; the guarded CI run keeps the isolated
// config because it tests the static lines behind the reviewed mutants.
export default mergeConfig(base, defineConfig({ test: { isolate: false } }));
