import { defineConfig } from 'vitest/config';

// The route table's part of `npm run test:mutation` (see PART_OVERRIDES in
// test/setup/mutation-run.ts): only the tests that read the table, each mutant in a fresh module
// graph, since every mutant of a data table is static. (Not merged with the unit config: vite's
// mergeConfig would concatenate the include lists.)
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['test/unit/definitions/**/*.test.ts', 'test/unit/schemas/openapi-document.test.ts'],
    setupFiles: ['test/setup/function-env.ts'],
    testTimeout: 60_000,
  },
});
