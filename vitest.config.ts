import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// One directory per run for the AWS calls the integration runs record (read by the IAM proof).
process.env.SERVICE_FEEDBACK_AWS_CALL_LOG_ROOT ??= mkdtempSync(path.join(tmpdir(), 'feedback-aws-calls-'));

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
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/local-stack.ts'],
          // Files share one local stack; run them one at a time so counts and emails are unambiguous.
          fileParallelism: false,
          // First (alone: one worker); then unit and infra side by side.
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          setupFiles: ['test/setup/function-env.ts'],
          // Synthesizes each configuration once for every infra test file.
          globalSetup: ['test/setup/synth-configurations.ts'],
          // After the integration runs: the IAM proof reads the AWS calls they recorded.
          sequence: { groupOrder: 2 },
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
