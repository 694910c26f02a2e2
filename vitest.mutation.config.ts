import { defineConfig } from 'vitest/config';

// Stryker runs the unit project only: integration and infra tests start DynamoDB Local or
// synthesize the CDK app, far too slow to repeat for every mutant.
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['test/unit/**/*.test.ts'],
    setupFiles: ['test/setup/function-env.ts'],
    // A loaded machine must not turn a slow test into a failed dry run
    testTimeout: 60_000,
  },
});
