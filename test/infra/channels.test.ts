import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../helpers/synth.ts';

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
