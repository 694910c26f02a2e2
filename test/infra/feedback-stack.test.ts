import { App, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedbackStack } from '../../infra/feedback-stack.ts';
import { FUNCTIONS } from '../../shared/definitions/function-definitions.ts';
import { ROUTES } from '../../shared/definitions/route-definitions.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { SCHEDULES, STREAM_TRIGGERS } from '../../shared/definitions/trigger-definitions.ts';
import { synthesize } from '../helpers/synth.ts';

type Template = ReturnType<typeof synthesize>['template'];
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

let template: Template;
beforeAll(() => {
  template = synthesize({
    integrations: [
      { name: 'web-form', rateLimit: 10, burstLimit: 20, dailyQuota: 50_000 },
      { name: 'call-centre', rateLimit: 5, burstLimit: 10 },
    ],
  }).template;
});

describe('feedback table', () => {
  it('is on-demand, streamed, encrypted, recoverable and retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: Match.objectLike({ SSEEnabled: true }),
        TimeToLiveSpecification: { AttributeName: FEEDBACK_TABLE.timeToLiveAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('has exactly the indexes of the shared table definition', () => {
    const [table] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable')) as Resource[];
    const indexes = (
      (table as Resource).Properties.GlobalSecondaryIndexes as {
        IndexName: string;
        KeySchema: { AttributeName: string }[];
      }[]
    ).map((index) => [index.IndexName, index.KeySchema.map((k) => k.AttributeName)]);
    expect(indexes).toEqual(
      FEEDBACK_TABLE.indexes.map((index) => [index.name, [index.partitionKey, index.sortKey]]),
    );
  });
});

describe('functions', () => {
  it('builds one function per definition on Node.js 22, arm64, traced, JSON logs', () => {
    template.resourceCountIs('AWS::Lambda::Function', Object.keys(FUNCTIONS).length);
    for (const definition of Object.values(FUNCTIONS)) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: definition.description,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: definition.memoryMb,
        Timeout: definition.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      });
    }
  });

  it('keeps every log group for a bounded time', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.length).toBeGreaterThanOrEqual(Object.keys(FUNCTIONS).length + 1);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('grants only what each function needs, with no wildcard actions', () => {
    const functionRoles = new Set(
      (Object.values(template.findResources('AWS::Lambda::Function')) as Resource[]).map((fn) =>
        JSON.stringify(fn.Properties.Role['Fn::GetAtt'][0]),
      ),
    );
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const actionsByRole = new Map<string, string[]>();
    for (const policy of policies) {
      const actions = (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap(
        (s) => (Array.isArray(s.Action) ? s.Action : [s.Action]),
      );
      for (const action of actions) expect(action).not.toMatch(/^\*$|:\*$/);
      for (const role of policy.Properties.Roles as { Ref: string }[]) {
        const key = JSON.stringify(role.Ref);
        if (functionRoles.has(key)) actionsByRole.set(key, [...(actionsByRole.get(key) ?? []), ...actions]);
      }
    }
    const writers = [...actionsByRole.values()].filter((actions) => actions.includes('dynamodb:PutItem'));
    const readOnly = [...actionsByRole.values()].filter((actions) => !actions.includes('dynamodb:PutItem'));
    const expectedWriters = Object.values(FUNCTIONS).filter((f) => f.tableAccess === 'readWrite').length;
    expect(writers).toHaveLength(expectedWriters);
    expect(readOnly).toHaveLength(Object.keys(FUNCTIONS).length - expectedWriters);
    for (const actions of readOnly) {
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions.filter((a) => /^dynamodb:.*(Put|Update|Delete|Write)/.test(a))).toEqual([]);
    }
  });
});

describe('API', () => {
  it('has a method for every shared route with the right authorization', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as Resource[];
    expect(methods.filter((m) => m.Properties.HttpMethod !== 'OPTIONS')).toHaveLength(ROUTES.length);
    const byAuth = (auth: string) => ROUTES.filter((r) => r.auth === auth).length;
    expect(methods.filter((m) => m.Properties.ApiKeyRequired === true)).toHaveLength(byAuth('channel'));
    expect(methods.filter((m) => m.Properties.AuthorizationType === 'COGNITO_USER_POOLS')).toHaveLength(
      byAuth('staff'),
    );
    expect(
      methods.filter((m) => m.Properties.AuthorizationType === 'NONE' && !m.Properties.ApiKeyRequired),
    ).toHaveLength(byAuth('public'));
  });

  it('gives each channel integration its own API key and throttled usage plan', () => {
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 2);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 50_000, Period: 'DAY' },
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 5, BurstLimit: 10 },
    });
  });

  it('answers gateway refusals with the contract error body', () => {
    for (const [type, status] of [
      ['UNAUTHORIZED', '401'],
      ['INVALID_API_KEY', '403'],
      ['THROTTLED', '429'],
      ['REQUEST_TOO_LARGE', '413'],
      ['DEFAULT_5XX', '500'],
    ]) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        StatusCode: status,
        ResponseTemplates: {
          'application/json': Match.stringLikeRegexp('^\\{"error":\\{"code":"[a-z_]+","message":'),
        },
      });
    }
  });

  it('logs access, traces and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'live',
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      ]),
    });
  });

  it('lets staff in only through an admin-managed Cognito pool', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    });
  });
});

describe('configuration', () => {
  it('passes the validated configuration to every function', () => {
    const { template: berlin } = synthesize({
      calendar: { timezone: 'Europe/Berlin' },
      publicBaseUrl: 'https://feedback.example.com',
    });
    const functions = Object.values(berlin.findResources('AWS::Lambda::Function')) as Resource[];
    for (const fn of functions) {
      const env = fn.Properties.Environment.Variables;
      expect(JSON.parse(env.SERVICE_FEEDBACK_CONFIG).calendar.timezone).toBe('Europe/Berlin');
      expect(env.PUBLIC_BASE_URL).toBe('https://feedback.example.com');
    }
  });

  it('refuses invalid configuration at synth time with the field named', () => {
    expect(() => synthesize({ calendar: { timezone: 'Nowhere/City' } })).toThrow(/calendar\.timezone/);
  });
});

describe('stream triggers', () => {
  it('maps every shared trigger with its filters, partial batch responses, bisect, bounded retries and a DLQ', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    expect(mappings).toHaveLength(STREAM_TRIGGERS.length);
    for (const trigger of STREAM_TRIGGERS) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: trigger.batchSize,
        MaximumRetryAttempts: trigger.retryAttempts,
        MaximumRecordAgeInSeconds: trigger.maxRecordAgeSeconds,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        StartingPosition: 'TRIM_HORIZON',
        FilterCriteria: { Filters: trigger.filters.map((f) => ({ Pattern: JSON.stringify(f) })) },
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    }
  });

  it('grants Comprehend detection only to the functions that score sentiment, and SES sending only from the sender', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, any>[],
    );
    const comprehend = statements.filter((s) => JSON.stringify(s.Action).includes('comprehend:'));
    const scorers = Object.values(FUNCTIONS).filter((f) =>
      ((f as { permissions?: string[] }).permissions ?? []).includes('detectSentiment'),
    );
    expect(comprehend).toHaveLength(scorers.length);
    for (const s of comprehend) {
      expect([...s.Action].sort()).toEqual([
        'comprehend:BatchDetectDominantLanguage',
        'comprehend:BatchDetectSentiment',
      ]);
    }
    const ses = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(ses.length).toBeGreaterThan(0);
    for (const s of ses) {
      expect(s.Action).toBe('ses:SendEmail');
      expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'feedback@example.com' } });
    }
  });

  it('grants no Comprehend access when the built-in scorer is configured', () => {
    const { template: local } = synthesize({ sentimentProvider: 'local' });
    expect(JSON.stringify(local.toJSON())).not.toContain('comprehend:');
  });

  it('suppresses bounced and complaining addresses through an SES configuration set', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });
});

describe('schedules', () => {
  it('runs each shared schedule in the configured timezone with retries and a DLQ', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', SCHEDULES.length);
    for (const schedule of SCHEDULES) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        Target: Match.objectLike({
          Input: JSON.stringify({ schedule: schedule.name, scheduledTime: '<aws.scheduler.scheduled-time>' }),
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      });
    }
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('has no unacknowledged finding, and every acknowledgement carries a reason', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new FeedbackStack(app, 'NagCheckedStack', {
      config: { alarmEmail: 'ops@example.com' },
      env: { account: '123456789012', region: 'ap-east-1' },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
    expect(stack.alarms.alarms.length).toBeGreaterThan(0);
  });

  it('reports a finding when one is introduced (the check is live)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new FeedbackStack(app, 'NagViolatingStack', {
      config: {},
      env: { account: '123456789012', region: 'ap-east-1' },
    });
    new Queue(stack, 'UnencryptedQueueWithoutDlq', { encryption: QueueEncryption.UNENCRYPTED });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).toThrow();
  });
});

describe('alarms', () => {
  it('alarms on every DLQ, function errors and throttles, API 5xx, sweep failures and the SES bounce rate', () => {
    const { template: withEmail } = synthesize({ alarmEmail: 'ops@example.com' });
    const alarms = Object.values(withEmail.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const functions = Object.keys(FUNCTIONS).length;
    const dlqs = STREAM_TRIGGERS.length + 1;
    expect(alarms).toHaveLength(dlqs + functions * 2 + 3);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    expect(alarms.map((a) => a.Properties.MetricName)).toEqual(
      expect.arrayContaining([
        'ApproximateNumberOfMessagesVisible',
        'Errors',
        'Throttles',
        '5XXError',
        'Reputation.BounceRate',
      ]),
    );
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    withEmail.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });
});

describe('privacy options', () => {
  it('encrypts the table with a rotated customer-managed key when asked', () => {
    const { template: cmk } = synthesize({ customerManagedKey: true });
    cmk.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    cmk.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
    });
  });
});

describe('staff roles and teams (contract §7)', () => {
  it('creates a Cognito group per role and per team (default: team:service-desk)', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => (group as Resource).Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'agent', 'analyst', 'lead', 'team:service-desk']);
  });

  it('lets only the actions function read who is in which team, on the staff pool only', () => {
    const statements = Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([id, policy]) =>
      ((policy as Resource).Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
        .filter((s) => JSON.stringify(s.Action).includes('cognito-idp'))
        .map((s) => ({ id, action: s.Action, resource: JSON.stringify(s.Resource) })),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]?.id).toMatch(/^FeedbackActions/);
    expect(statements[0]?.action).toBe('cognito-idp:AdminListGroupsForUser');
    expect(statements[0]?.resource).toContain('StaffPool');
  });

  it('runs the complaint digest daily at 09:00 in the calendar timezone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
    });
  });
});
