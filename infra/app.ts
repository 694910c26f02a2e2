import { App } from 'aws-cdk-lib';
import { parseStackConfig } from '../shared/config/stack-config.ts';
import { FeedbackStack } from './feedback-stack.ts';

/** CDK context key holding the deploy-time configuration (object, or JSON string via `-c`). */
export const CONFIG_CONTEXT_KEY = 'serviceFeedback';

/** Reads the `serviceFeedback` context, which `-c` may pass as a JSON string. */
export function configFromContext(app: App) {
  const raw: unknown = app.node.tryGetContext(CONFIG_CONTEXT_KEY);
  return parseStackConfig(typeof raw === 'string' ? JSON.parse(raw) : raw);
}

const app = new App();
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'ServiceFeedback';
new FeedbackStack(app, stackName, {
  config: configFromContext(app),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description:
    'Service Feedback Stack: customer feedback intake, triage, response and satisfaction snapshots',
});
