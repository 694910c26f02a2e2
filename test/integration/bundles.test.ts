import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FeedbackStack } from '../../infra/feedback-stack.ts';
import { LOCAL_CONFIGURATION_SET } from '../../infra/local/local-stack.ts';
import { AWS_CALL_LOG_ENV, AWS_CALL_LOG_ROOT_ENV } from '../../shared/adapters/aws-clients.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/definitions/function-definitions.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';

// `cdk synth` with real bundling (esbuild), then each bundle is loaded in a fresh Node process
// with only what Lambda would give it: the template's environment for that function, plus the
// runtime's own variables (region, credentials, function name) and, for this test only, the
// local stack's endpoints. A file the bundle reads at run time, a missing optional dependency or
// an environment variable the code reads but the stack never sets fails here, not in a deploy.
//
// The configuration uses the built-in sentiment scorer: its lexicons are the largest files a
// bundle carries, and no Comprehend endpoint exists here.

/**
 * The sample event each function is called with (events/); `null`: the bundle is loaded (its
 * module initialised with the template's environment) but not called, for the reason given.
 */
const SAMPLE_EVENTS: Record<FunctionName, string | null> = {
  intake: 'api/post-feedback.json',
  feedbackQuery: 'api/list-feedback.json',
  tracking: 'api/track-feedback.json',
  publicForm: 'api/get-public-form.json',
  triage: 'stream/feedback-received.json',
  notify: 'stream/feedback-triaged-p1.json',
  feedbackActions: 'api/feedback-action.json',
  survey: 'api/get-survey.json',
  escalationSweep: 'schedule/escalation-sweep.json',
  customerErasure: 'api/customer-erasure.json',
  snapshots: 'api/list-snapshots.json',
  quarterlySnapshot: 'schedule/quarterly-snapshot.json',
  dataRetention: 'schedule/data-retention.json',
  sentimentRescore: 'schedule/sentiment-rescore.json',
  complaintDigest: 'schedule/complaint-digest.json',
  // A complaint triage just opened: the record the counting trigger's filter lets through.
  hotTopicCount: 'stream/feedback-triaged-p1.json',
  hotTopicScan: 'schedule/hot-topic-scan.json',
  hotTopics: 'api/list-hot-topics.json',
  staffProfile: 'api/get-staff-profile.json',
  problems: 'api/list-problems.json',
  plans: 'api/list-plans.json',
  publicBoard: 'api/get-public-board.json',
  // A complaint opened by triage: a status change the publisher sends to the bus.
  domainEvents: 'stream/feedback-triaged-p1.json',
  campaigns: 'api/list-campaigns.json',
  // An invitation that does not exist: the page answers 404 after one read.
  campaignAnswer: 'api/get-campaign-questionnaire.json',
  campaignDispatch: 'schedule/campaign-dispatch.json',
  // A message for a campaign that does not exist: read, then skipped.
  campaignSend: 'sqs/campaign-send.json',
  // These three read or sign S3 objects; the local stack has no S3 endpoint to point them at.
  imports: null,
  importUploads: null,
  importFromS3: null,
  // Reads the stored message from S3: test/integration/inbound-email.test.ts runs it on the local stack.
  inboundEmail: null,
};

const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Bundle {
  name: FunctionName;
  file: string;
  handler: string;
  environment: Record<string, string>;
}

type CfnValue = string | { Ref?: string; 'Fn::Join'?: [string, CfnValue[]]; 'Fn::GetAtt'?: [string, string] };

let bundles: Bundle[];

beforeAll(() => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'feedback-bundles-'));
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new FeedbackStack(app, 'BundledFeedbackStack', {
    config: { sentimentProvider: 'local' },
    allowExampleAddresses: true,
    env: { account: '123456789012', region: 'ap-southeast-1' },
  });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  const resources = artifact.template.Resources as Record<
    string,
    { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> }
  >;
  // What the template's references stand for on the local stack.
  const resolve = (value: CfnValue): string => {
    if (typeof value === 'string') return value;
    if (value.Ref) {
      const type = resources[value.Ref]?.Type;
      if (type === 'AWS::DynamoDB::GlobalTable') return FEEDBACK_TABLE.logicalName;
      if (type === 'AWS::SES::ConfigurationSet') return LOCAL_CONFIGURATION_SET;
      if (value.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
      return value.Ref;
    }
    if (value['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
    // An attribute of another resource (the console distribution's domain): a stand-in value.
    if (value['Fn::GetAtt']) return `${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}.example`;
    throw new Error(`unresolvable environment value ${JSON.stringify(value)}`);
  };
  // Our functions (each has its definition's description); CDK's own console-deployment handlers aside.
  const descriptions = new Set<string>(Object.values(FUNCTIONS).map((d) => d.description));
  bundles = Object.values(resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && descriptions.has(r.Properties.Description))
    .map((r) => {
      const name = (Object.keys(FUNCTIONS) as FunctionName[]).find(
        (n) => FUNCTIONS[n].description === r.Properties.Description,
      );
      if (!name) throw new Error(`no definition for ${r.Properties.Description}`);
      const assetPath = r.Metadata?.['aws:asset:path'] ?? '';
      const [moduleName, handler] = (r.Properties.Handler as string).split('.');
      return {
        name,
        file: path.join(outdir, assetPath, `${moduleName}.mjs`),
        handler: handler ?? 'handler',
        environment: Object.fromEntries(
          Object.entries(r.Properties.Environment.Variables as Record<string, CfnValue>).map(([k, v]) => [
            k,
            resolve(v),
          ]),
        ),
      };
    });
}, 600_000);

const RUNNER = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, handlerName, eventFile] = process.argv.slice(1);
const module = await import(pathToFileURL(bundle).href);
if (eventFile === '-') {
  process.stdout.write('RESULT ' + JSON.stringify({ loaded: typeof module[handlerName] }) + '\\n');
  process.exit(0);
}
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 30000 };
const result = await module[handlerName](event, context);
process.stdout.write('RESULT ' + JSON.stringify(result ?? null) + '\\n');
`;

function runBundle(bundle: Bundle): Promise<{ code: number | null; output: string; result: any }> {
  const stack = inject('localStack');
  const callLogRoot = process.env[AWS_CALL_LOG_ROOT_ENV];
  const env: Record<string, string> = {
    ...bundle.environment,
    // What the Lambda runtime sets.
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: bundle.name,
    // This test only: the local stack instead of AWS, and the record of calls for the IAM proof.
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SESV2: stack.sesUrl,
    AWS_ENDPOINT_URL_EVENTBRIDGE: `${stack.apiUrl}/_local/aws/events`,
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: `${stack.apiUrl}/_local/aws/sms`,
    // The scheduled snapshot, given 30 s here, pauses at once and checkpoints to the S3 stand-in.
    AWS_ENDPOINT_URL_S3: `${stack.apiUrl}/_local/aws/s3`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    ...(callLogRoot ? { [AWS_CALL_LOG_ENV]: path.join(callLogRoot, 'local') } : {}),
  };
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      RUNNER,
      bundle.file,
      bundle.handler,
      SAMPLE_EVENTS[bundle.name] === null ? '-' : path.join(ROOT, 'events', SAMPLE_EVENTS[bundle.name] ?? ''),
    ],
    { env, cwd: path.dirname(bundle.file), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('RESULT '));
      resolve({ code, output, result: line ? JSON.parse(line.slice('RESULT '.length)) : undefined });
    });
  });
}

describe('bundles from cdk synth', () => {
  it('builds one bundle per function', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual((Object.keys(FUNCTIONS) as FunctionName[]).sort());
    for (const bundle of bundles) expect(existsSync(bundle.file), bundle.file).toBe(true);
    // Each its own asset: bundling options that differ only in code would share one cached bundle.
    expect(new Set(bundles.map((b) => path.dirname(b.file))).size).toBe(bundles.length);
  });

  it.each(
    Object.keys(SAMPLE_EVENTS) as FunctionName[],
  )('%s loads in a fresh process with only the template’s environment and handles its sample event', async (name) => {
    const bundle = bundles.find((b) => b.name === name) as Bundle;

    const { code, output, result } = await runBundle(bundle);

    expect(code, output).toBe(0);
    expect(result, output).not.toBeUndefined();
    if (result && typeof result === 'object' && 'loaded' in result) expect(result.loaded).toBe('function');
    if (result && typeof result === 'object' && 'statusCode' in result) {
      expect(result.statusCode, output).toBeLessThan(500);
    }
    if (result && typeof result === 'object' && 'batchItemFailures' in result) {
      expect(result.batchItemFailures, output).toEqual([]);
    }
    // With less time left than it keeps in reserve, the snapshot saves its counts and asks to go on.
    if (name === 'quarterlySnapshot') expect(result.next, output).toMatchObject({ continues: 1 });
  }, 60_000);

  it('sets every variable the functions read (none is read that the template leaves out)', () => {
    const required = ['FEEDBACK_TABLE_NAME', 'PUBLIC_BASE_URL', 'SERVICE_FEEDBACK_CONFIG'];
    for (const bundle of bundles)
      expect(Object.keys(bundle.environment)).toEqual(expect.arrayContaining(required));
    const senders = bundles.filter((b) =>
      (FUNCTIONS[b.name] as { permissions?: string[] }).permissions?.includes('sendEmail'),
    );
    for (const bundle of senders)
      expect(bundle.environment.SES_CONFIGURATION_SET).toBe(LOCAL_CONFIGURATION_SET);
    expect(readFileSync(bundles[0]?.file ?? '', 'utf8').length).toBeGreaterThan(0);
  });
});
