import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTemplate, synthesize } from '../helpers/synth.ts';

type Template = ReturnType<typeof synthesize>['template'];
type Resource = { Type: string; Properties: Record<string, any> };

let template: Template;
beforeAll(() => {
  template = synthesize({}).template;
});

/** Every statement of the policies attached to the role of the function whose logical id starts with `prefix`. */
function statementsOf(prefix: string): Record<string, any>[] {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const [roleId] = Object.entries(resources).find(
    ([id, r]) => r.Type === 'AWS::IAM::Role' && id.startsWith(`${prefix}FunctionServiceRole`),
  ) ?? [''];
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Record<string, any>[]);
}

const actionsOf = (prefix: string) => statementsOf(prefix).flatMap((s) => [s.Action].flat());

describe('channel infrastructure', () => {
  it('keeps import uploads in a private, encrypted bucket that triggers the S3 import under uploads/', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
          }),
        ],
      },
    });
  });

  it('grants each new function exactly the actions it uses', () => {
    expect(actionsOf('ImportFromS3')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
    expect(actionsOf('ImportFromS3').filter((a) => a.startsWith('s3:'))).toEqual([
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(actionsOf('ImportUploads').filter((a) => a.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(actionsOf('Notify')).toContain('sms-voice:SendTextMessage');
    expect(actionsOf('DomainEvents')).toContain('events:PutEvents');
    for (const other of ['Intake', 'Triage', 'FeedbackQuery', 'Imports']) {
      const actions = actionsOf(other);
      expect(actions.some((a) => /^(s3|sms-voice|events):/.test(a))).toBe(false);
    }
    const s3Resources = JSON.stringify(
      statementsOf('ImportFromS3').filter((s) => String(s.Action).startsWith('s3:')),
    );
    expect(s3Resources).toContain('/uploads/*');
    expect(s3Resources).toContain('/reports/*');
  });

  it('publishes domain events to a custom, archived bus from the table stream with partial batch responses', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: ['service-feedback'] },
      RetentionDays: 7,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: Match.objectLike({ Ref: Match.stringLikeRegexp('^DomainEvents') }),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          { Pattern: Match.stringLikeRegexp('feedback') },
          { Pattern: Match.stringLikeRegexp('snapshot') },
          { Pattern: Match.stringLikeRegexp('"hot-topic".*"sent"') },
          { Pattern: Match.stringLikeRegexp('"problem".*"resolved"') },
        ],
      },
    });
  });
});

describe('inbound email infrastructure', () => {
  /** The shared "options" configuration sets inboundEmailAddress (and passed cdk-nag). */
  const inbound = () => sharedTemplate('options');
  const resourcesOf = (t: Template) => t.toJSON().Resources as Record<string, Resource>;
  const inboundBucketId = (t: Template) =>
    Object.keys(resourcesOf(t)).find(
      (id) => id.startsWith('InboundMailBucket') && resourcesOf(t)[id]?.Type === 'AWS::S3::Bucket',
    ) ?? '';

  it('has a receipt rule for the configured address that stores each scanned message under inbound/', () => {
    const t = inbound();
    t.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    t.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        Recipients: ['feedback@service.example.com'],
        ScanEnabled: true,
        Actions: [{ S3Action: { BucketName: { Ref: inboundBucketId(t) }, ObjectKeyPrefix: 'inbound/' } }],
      },
    });
    expect(Object.keys(t.findOutputs('*'))).toEqual(
      expect.arrayContaining(['InboundEmailBucketName', 'InboundEmailRuleSetName']),
    );
  });

  it('keeps messages in a private, encrypted, TLS-only bucket that expires them and only SES of this account may write', () => {
    const t = inbound();
    const bucket = resourcesOf(t)[inboundBucketId(t)] as Resource;
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: inboundBucketId(t) },
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 's3:*',
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Action: 's3:PutObject',
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  it('triggers the inbound-email function for new objects under inbound/ and lets it read only those', () => {
    const t = inbound();
    t.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: inboundBucketId(t) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbound/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^InboundEmailFunction'), 'Arn'] },
          }),
        ],
      },
    });
    const resources = resourcesOf(t);
    const [roleId] = Object.entries(resources).find(
      ([id, r]) => r.Type === 'AWS::IAM::Role' && id.startsWith('InboundEmailFunctionServiceRole'),
    ) ?? [''];
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Record<string, any>[]);
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual([
      'dynamodb:PutItem',
      's3:GetObject',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const s3 = statements.find((s) => s.Action === 's3:GetObject');
    expect(s3?.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [inboundBucketId(t), 'Arn'] }, '/inbound/*']],
    });
  });

  it('makes no receipt rule without an address', () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    template.resourceCountIs('AWS::SES::ReceiptRule', 0);
  });

  it('refuses an address that is not one, and an example address when deploying for real', () => {
    expect(() => synthesize({ inboundEmailAddress: 'not-an-address' })).toThrow(/inboundEmailAddress/);
    expect(() =>
      synthesize(
        {
          inboundEmailAddress: 'feedback@example.com',
          senderEmail: 'noreply@feedback.city-hall.cn',
          escalationEmails: ['lead@feedback.city-hall.cn'],
        },
        { allowExampleAddresses: false },
      ),
    ).toThrow(/inboundEmailAddress: feedback@example.com is an example address/);
  });
});
