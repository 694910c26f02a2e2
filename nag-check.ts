import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FeedbackStack } from './infra/feedback-stack.ts';
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
new FeedbackStack(app, 'NagCheckedStack', { config: { alarmEmail: 'ops@example.com' }, env: { account: '123456789012', region: 'ap-east-1' } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
try { app.synth(); console.log('NAG OK'); } catch (e) { console.log(String((e as Error).message).slice(0, 6000)); }
