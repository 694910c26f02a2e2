import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FeedbackStack } from '../../infra/feedback-stack.ts';
import type { StackConfigInput } from '../../shared/config/stack-config.ts';

/**
 * Synthesizes the stack for assertions. Bundling is skipped (`aws:cdk:bundling-stacks`) so the
 * template tests stay fast; `npm run synth` proves the real bundles build.
 */
export function synthesize(config: StackConfigInput = {}): { stack: FeedbackStack; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new FeedbackStack(app, 'TestFeedbackStack', {
    config,
    env: { account: '123456789012', region: 'ap-east-1' },
  });
  return { stack, template: Template.fromStack(stack) };
}
