import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests run on the machine's Node 20; the deployed functions run Node.js 24 (nodejs24.x).
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
          // One synth (with cdk-nag) per file in beforeAll: slow on a loaded machine, so the hook
          // gets time too (vitest's default hook timeout is 10 s).
          testTimeout: 60_000,
          hookTimeout: 180_000,
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
