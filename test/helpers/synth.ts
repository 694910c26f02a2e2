import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { inject } from 'vitest';
import { FeedbackStack } from '../../infra/feedback-stack.ts';
import type { StackConfigInput } from '../../shared/config/stack-config.ts';

/** Where the tests deploy to on paper: has SES, Cognito and Comprehend. */
export const TEST_ENV = { account: '123456789012', region: 'ap-southeast-1' } as const;

/**
 * The configurations every infra test shares, each synthesized once per run (with cdk-nag) by
 * test/setup/synth-configurations.ts: the defaults, the customer-managed key, the built-in
 * sentiment scorer (no Comprehend), and one with every optional resource switched on.
 */
export const CONFIGURATIONS = {
  default: {},
  customerManagedKey: { customerManagedKey: true },
  localSentiment: { sentimentProvider: 'local' },
  options: {
    integrations: [
      { name: 'web-form', rateLimit: 10, burstLimit: 20, dailyQuota: 50_000 },
      { name: 'call-centre', rateLimit: 5, burstLimit: 10 },
    ],
    alarmEmail: 'ops@example.com',
    calendar: { timezone: 'Europe/Berlin' },
    publicBaseUrl: 'https://feedback.example.com',
    inboundEmailAddress: 'feedback@service.example.com',
    snapshotMemoryMb: 6144,
  },
} as const satisfies Record<string, StackConfigInput>;

export type ConfigurationName = keyof typeof CONFIGURATIONS;

/** What the shared synth produced for one configuration. */
export interface SynthesizedConfiguration {
  templateFile: string;
  /** cdk-nag's (or the synth's) error, if the synth failed. */
  error?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    synthesized: Record<ConfigurationName, SynthesizedConfiguration>;
  }
}

/**
 * Synthesizes the stack with cdk-nag (AWS Solutions) as `cdk synth` does, without bundling (the
 * bundle test in test/integration/bundles.test.ts builds the real bundles). Throws on a finding.
 */
export function synthesizeWithNag(
  config: StackConfigInput,
  options: { outdir?: string; stackName?: string } = {},
): { stack: FeedbackStack; template: Record<string, unknown> } {
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [] },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const stack = new FeedbackStack(app, options.stackName ?? 'TestFeedbackStack', {
    config,
    allowExampleAddresses: true,
    env: TEST_ENV,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return { stack, template: assembly.getStackByName(stack.stackName).template as Record<string, unknown> };
}

/** The template of a shared configuration, synthesized once per run; fails if its synth failed. */
export function sharedTemplate(name: ConfigurationName): Template {
  const synthesized = inject('synthesized')[name];
  if (synthesized.error) throw new Error(`synth of "${name}" failed:\n${synthesized.error}`);
  return Template.fromJSON(JSON.parse(readFileSync(synthesized.templateFile, 'utf8')));
}

/**
 * Synthesizes a one-off configuration for assertions (no cdk-nag; bundling skipped). Prefer
 * {@link sharedTemplate}: synths are slow.
 */
export function synthesize(
  config: StackConfigInput = {},
  options: { allowExampleAddresses?: boolean; region?: string } = {},
): { stack: FeedbackStack; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new FeedbackStack(app, 'TestFeedbackStack', {
    config,
    allowExampleAddresses: options.allowExampleAddresses ?? true,
    env: { ...TEST_ENV, ...(options.region ? { region: options.region } : {}) },
  });
  return { stack, template: Template.fromStack(stack) };
}
