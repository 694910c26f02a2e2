import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StackConfigInput } from '../shared/config/stack-config.ts';
import { FeedbackStack } from './feedback-stack.ts';

/** CDK context key holding the deploy-time configuration (object, or JSON string via `-c`). */
export const CONFIG_CONTEXT_KEY = 'serviceFeedback';

/** Reads the `serviceFeedback` context, which `-c` may pass as a JSON string; the stack validates it. */
export function configFromContext(app: App): StackConfigInput | undefined {
  const raw: unknown = app.node.tryGetContext(CONFIG_CONTEXT_KEY);
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as StackConfigInput | undefined;
}

const app = new App();
// Every synth is checked against the AWS Solutions rules; acknowledged findings carry their reason next to the resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'ServiceFeedback';
// `-c allowExampleAddresses=true` (npm run synth, CI): build with the example.com defaults.
const allowExampleAddresses = String(app.node.tryGetContext('allowExampleAddresses')) === 'true';
new FeedbackStack(app, stackName, {
  config: configFromContext(app),
  allowExampleAddresses,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description:
    'Service Feedback Stack: customer feedback intake, triage, response and satisfaction snapshots',
});
