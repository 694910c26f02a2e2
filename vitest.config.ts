import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests run on the machine's Node 20; the deployed functions run Node 22.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/setup/function-env.ts'],
          // No unit test measures time; the default 5 s only fails the heavier ones (100-item
          // triage, property runs) when the cores are shared with an integration run.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          setupFiles: ['test/setup/function-env.ts'],
          // beforeAll synthesizes the stack: with the integration run on the same cores it
          // takes longer than vitest's default 10 s hook timeout.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/local-stack.ts'],
          // Files share one local stack; run them one at a time so counts and emails are unambiguous.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
