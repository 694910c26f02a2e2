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
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          setupFiles: ['test/setup/function-env.ts'],
          testTimeout: 60_000,
          // One synth (with cdk-nag) per file: slow on a loaded machine, so the hook gets time too.
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
