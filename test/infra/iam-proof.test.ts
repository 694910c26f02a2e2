import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_CALL_LOG_ROOT_ENV, type RecordedAwsCall } from '../../shared/adapters/aws-clients.ts';
import {
  FUNCTIONS,
  type FunctionDefinition,
  type FunctionName,
} from '../../shared/definitions/function-definitions.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import {
  type IamRequest,
  isAllowed,
  type ResolveEnv,
  requestsOf,
  resolveValue,
  roleStatements,
  type TemplateJson,
} from '../helpers/iam-policy.ts';
import { type ConfigurationName, sharedTemplate, TEST_ENV } from '../helpers/synth.ts';

// The integration runs (test/integration/*, the bundle test included) record every AWS SDK call
// each function sends, per sentiment provider; this project runs after them (vitest.config.ts).
const root = process.env[AWS_CALL_LOG_ROOT_ENV] ?? '';
type Provider = 'local' | 'comprehend';

function recordedCalls(providers: readonly Provider[], fn: FunctionName): RecordedAwsCall[] {
  return providers.flatMap((provider) => {
    const file = path.join(root, provider, `${fn}.jsonl`);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedAwsCall);
  });
}

/**
 * The configurations proven, with the runs whose calls apply to them. DynamoDB and SES calls do
 * not depend on the sentiment provider, so the Comprehend configurations take both runs' calls.
 */
const PROVEN: { configuration: ConfigurationName; providers: readonly Provider[] }[] = [
  { configuration: 'default', providers: ['local', 'comprehend'] },
  { configuration: 'customerManagedKey', providers: ['local', 'comprehend'] },
  { configuration: 'localSentiment', providers: ['local'] },
];

type Resource = { Type: string; Properties: Record<string, any> };

interface FunctionUnderProof {
  name: FunctionName;
  logicalId: string;
  roleId: string;
  resource: Resource;
}

function functionsOf(template: TemplateJson): FunctionUnderProof[] {
  // Our functions (each has its definition's description); CDK's own console-deployment handlers
  // (BucketDeployment, auto-delete objects) are not built from definitions and make no recorded calls.
  const descriptions = new Set<string>(Object.values(FUNCTIONS).map((d) => d.description));
  return Object.entries(template.Resources)
    .filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && descriptions.has(String(r.Properties?.Description)),
    )
    .map(([logicalId, r]) => {
      const resource = r as Resource;
      const name = (Object.keys(FUNCTIONS) as FunctionName[]).find(
        (n) => FUNCTIONS[n].description === resource.Properties.Description,
      );
      if (!name) throw new Error(`function ${logicalId} matches no definition`);
      return { name, logicalId, roleId: resource.Properties.Role['Fn::GetAtt'][0], resource };
    });
}

/** What Lambda itself does with the function's role, read from the template's own wiring. */
function platformRequests(
  template: TemplateJson,
  env: ResolveEnv,
  fn: FunctionUnderProof,
  keyArn: string | undefined,
): IamRequest[] {
  const requests: IamRequest[] = [];
  if (fn.resource.Properties.TracingConfig?.Mode === 'Active') {
    for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'])
      requests.push({ action, resource: '*', because: 'active tracing' });
  }
  for (const resource of Object.values(template.Resources) as Resource[]) {
    const targetsThis = resource.Properties?.FunctionName?.Ref === fn.logicalId;
    if (!targetsThis) continue;
    const onFailure = resource.Properties.DestinationConfig?.OnFailure?.Destination;
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
      const stream = resolveValue(template, env, resource.Properties.EventSourceArn);
      if (String(stream).startsWith('arn:aws:sqs:')) {
        for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'])
          requests.push({ action, resource: stream, because: 'queue event source mapping' });
        continue;
      }
      const because = 'stream event source mapping';
      for (const action of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'])
        requests.push({ action, resource: stream, because });
      requests.push({ action: 'dynamodb:ListStreams', resource: '*', because });
      if (keyArn) requests.push({ action: 'kms:Decrypt', resource: keyArn, because });
      if (onFailure)
        requests.push({
          action: 'sqs:SendMessage',
          resource: resolveValue(template, env, onFailure),
          because: 'stream records given up on',
        });
    }
    if (resource.Type === 'AWS::Lambda::EventInvokeConfig' && onFailure) {
      requests.push({
        action: 'sqs:SendMessage',
        resource: resolveValue(template, env, onFailure),
        because: 'async invocations that failed',
      });
    }
  }
  return requests;
}

function proofOf(configuration: ConfigurationName, providers: readonly Provider[]) {
  const template = sharedTemplate(configuration).toJSON() as TemplateJson;
  const env: ResolveEnv = TEST_ENV;
  const ids = (type: string) =>
    Object.keys(template.Resources).filter((id) => template.Resources[id]?.Type === type);
  const [tableId] = ids('AWS::DynamoDB::GlobalTable');
  const [configurationSetId] = ids('AWS::SES::ConfigurationSet');
  const [staffPoolId] = ids('AWS::Cognito::UserPool');
  const importBucketId = ids('AWS::S3::Bucket').find((id) => id.startsWith('LargeImports'));
  const inboundBucketId = ids('AWS::S3::Bucket').find((id) => id.startsWith('InboundMail'));
  const snapshotRunsBucketId = ids('AWS::S3::Bucket').find((id) => id.startsWith('SnapshotRuns'));
  const [eventBusId] = ids('AWS::Events::EventBus');
  const tableKeyId = ids('AWS::KMS::Key').find((id) => id.startsWith('DataKey'));
  const keyArn = tableKeyId ? resolveValue(template, env, { 'Fn::GetAtt': [tableKeyId, 'Arn'] }) : undefined;
  const resources = {
    tableArn: (name: string) => {
      if (name !== FEEDBACK_TABLE.logicalName) throw new Error(`call on an unknown table ${name}`);
      return resolveValue(template, env, { 'Fn::GetAtt': [tableId, 'Arn'] });
    },
    keyArn,
    configurationSetArn: `arn:aws:ses:${env.region}:${env.account}:configuration-set/${configurationSetId}`,
    sesIdentityArn: (identity: string) => `arn:aws:ses:${env.region}:${env.account}:identity/${identity}`,
    staffUserPoolArn: resolveValue(template, env, { 'Fn::GetAtt': [staffPoolId, 'Arn'] }),
    importBucketArn: resolveValue(template, env, { 'Fn::GetAtt': [importBucketId, 'Arn'] }),
    inboundMailBucketArn: resolveValue(template, env, { 'Fn::GetAtt': [inboundBucketId, 'Arn'] }),
    snapshotRunsBucketArn: resolveValue(template, env, { 'Fn::GetAtt': [snapshotRunsBucketId, 'Arn'] }),
    eventBusArn: resolveValue(template, env, { 'Fn::GetAtt': [eventBusId, 'Arn'] }),
    campaignQueueArn: resolveValue(template, env, {
      'Fn::GetAtt': [
        ids('AWS::SQS::Queue').find((id) => /^QueueTriggerscampaignsends[0-9A-F]+$/.test(id)),
        'Arn',
      ],
    }),
    region: env.region,
    account: env.account,
  };

  return functionsOf(template).map((fn) => {
    const calls = recordedCalls(providers, fn.name);
    const requests = [
      ...calls.flatMap((call) => requestsOf(call, resources)),
      ...platformRequests(template, env, fn, keyArn),
    ];
    const statements = roleStatements(template, env, fn.roleId);
    const missing = [
      ...new Set(
        requests
          .filter((request) => !isAllowed(statements, request))
          .map((r) => `${fn.name}: ${r.because} needs ${r.action} on ${r.resource} — no statement allows it`),
      ),
    ];

    const definition: FunctionDefinition = FUNCTIONS[fn.name];
    const unreached: Readonly<Record<string, string>> = definition.unreachedInTests ?? {};
    const unused: string[] = [];
    const justified: string[] = [];
    for (const statement of statements.filter((s) => s.effect === 'Allow')) {
      for (const action of statement.actions) {
        for (const resource of statement.resources) {
          const single = { ...statement, actions: [action], resources: [resource] };
          const used = requests.some((request) => isAllowed([single], request));
          if (used) continue;
          const line = `${fn.name}: ${action} on ${resource} is granted but no recorded call uses it`;
          if (unreached[action]) justified.push(`${line} (kept: ${unreached[action]})`);
          else unused.push(line);
        }
      }
    }
    return { fn: fn.name, calls, missing, unused, justified };
  });
}

describe('IAM proof: each function holds exactly the permissions its recorded calls use', () => {
  it('has recorded calls from the integration runs to prove against', () => {
    const recorded = (Object.keys(FUNCTIONS) as FunctionName[]).filter(
      (fn) => recordedCalls(['local'], fn).length > 0,
    );
    // Every function makes at least one AWS call in the integration runs; none is proven on nothing.
    // Except: importUploads only signs URLs (no call), importFromS3 is S3-triggered (no S3 locally;
    // each of its grants carries that reason in its definition); staffProfile answers from the
    // authorizer's claims and the access policy (no call, and no grant to prove).
    const unrecorded = new Set<FunctionName>(['importUploads', 'importFromS3', 'staffProfile']);
    expect(
      recorded.sort(),
      `no calls recorded under ${root}: run the integration project first (npm test does)`,
    ).toEqual((Object.keys(FUNCTIONS) as FunctionName[]).filter((fn) => !unrecorded.has(fn)).sort());
    expect(recordedCalls(['comprehend'], 'triage').map((c) => c.command)).toEqual(
      expect.arrayContaining(['BatchDetectSentiment', 'BatchDetectDominantLanguage']),
    );
  });

  describe.each(PROVEN)('$configuration', ({ configuration, providers }) => {
    const proofs = () => proofOf(configuration, providers);

    it('allows every call each function makes (and what Lambda does with its role)', () => {
      const missing = proofs().flatMap((p) => p.missing);
      expect(missing, missing.join('\n')).toEqual([]);
    });

    it('grants nothing a function does not use, unless a reason is given next to the grant', () => {
      const results = proofs();
      for (const line of results.flatMap((p) => p.justified)) console.info(line);
      const unused = results.flatMap((p) => p.unused);
      expect(unused, unused.join('\n')).toEqual([]);
    });
  });
});
