import { App, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedbackStack } from '../../infra/feedback-stack.ts';
import { FUNCTIONS } from '../../shared/definitions/function-definitions.ts';
import { ROUTES } from '../../shared/definitions/route-definitions.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { QUEUE_TRIGGERS, SCHEDULES, STREAM_TRIGGERS } from '../../shared/definitions/trigger-definitions.ts';
import { ROUTE_AUTH_TABLE } from '../helpers/route-auth.ts';
import {
  CONFIGURATIONS,
  type ConfigurationName,
  sharedTemplate,
  synthesize,
  TEST_ENV,
} from '../helpers/synth.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

// Synthesized once per run for every infra test file (test/setup/synth-configurations.ts).
let template: Template;
let options: Template;
beforeAll(() => {
  template = sharedTemplate('default');
  options = sharedTemplate('options');
});

/** Every action granted to the role of the function with this description. */
function actionsOfFunction(t: Template, description: string): string[] {
  const [fn] = Object.values(
    t.findResources('AWS::Lambda::Function', { Properties: { Description: description } }),
  ) as Resource[];
  const roleId = (fn as Resource).Properties.Role['Fn::GetAtt'][0];
  return (Object.values(t.findResources('AWS::IAM::Policy')) as Resource[])
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

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

  it('copies only the rating into byResponseMonth and every attribute into the other indexes', () => {
    const [table] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable')) as Resource[];
    const projections = Object.fromEntries(
      (
        (table as Resource).Properties.GlobalSecondaryIndexes as {
          IndexName: string;
          Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
        }[]
      ).map((index) => [index.IndexName, index.Projection]),
    );
    expect(projections.byResponseMonth).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['csatRating'],
    });
    expect(projections.byMonth).toEqual({ ProjectionType: 'ALL' });
  });
});

describe('functions', () => {
  it('builds one function per definition on Node.js 24, arm64, traced, JSON logs', () => {
    // Plus CDK's own handlers: the console's BucketDeployment and bucket auto-delete, and the
    // import bucket's notifications.
    template.resourceCountIs('AWS::Lambda::Function', Object.keys(FUNCTIONS).length + 3);
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

  it('deploys the scheduled snapshot with the memory snapshotMemoryMb asks for (3008 MB by default)', () => {
    // Prepare: `options` sets snapshotMemoryMb to 6144
    const memoryOf = (t: Template) =>
      (
        Object.values(
          t.findResources('AWS::Lambda::Function', {
            Properties: { Description: FUNCTIONS.quarterlySnapshot.description },
          }),
        )[0] as Resource
      ).Properties.MemorySize;

    // Assess
    expect(memoryOf(template)).toBe(3008);
    expect(memoryOf(options)).toBe(6144);
  });

  it('keeps every log group for a bounded time', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.length).toBeGreaterThanOrEqual(Object.keys(FUNCTIONS).length + 1);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('grants no wildcard action, no Scan or BatchWriteItem, and DeleteItem only where a claim is released or a customer erased', () => {
    for (const name of ['default', 'customerManagedKey', 'localSentiment'] as const) {
      // Our functions' roles (CDK's own console-deployment handlers aside).
      const actions = Object.values(FUNCTIONS).flatMap((d) =>
        actionsOfFunction(sharedTemplate(name), d.description),
      );
      for (const action of actions) expect(action).not.toMatch(/\*/);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:BatchWriteItem');
      // The scan deletes its own report and topic claims when the report's email fails; the event
      // publisher deletes its own claim when a publish fails; the campaign sender its send claim;
      // the customer erasure the items keyed by the customer (campaign cooldown mark and pointers).
      const deleters = (Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]).filter((fn) =>
        actionsOfFunction(sharedTemplate(name), FUNCTIONS[fn].description).includes('dynamodb:DeleteItem'),
      );
      expect(deleters).toEqual(['customerErasure', 'hotTopicScan', 'domainEvents', 'campaignSend']);
    }
  });

  it('lets intake do nothing with the table but put an item', () => {
    const actions = actionsOfFunction(template, FUNCTIONS.intake.description);

    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
  });

  it('gives read-only functions no write action', () => {
    for (const name of ['feedbackQuery', 'tracking'] as const) {
      const actions = actionsOfFunction(template, FUNCTIONS[name].description);
      expect(actions.filter((a) => /^dynamodb:.*(Put|Update|Delete|Write)/.test(a))).toEqual([]);
      // A feedback is read with its history items: one Query of its partition.
      expect(actions).toContain('dynamodb:Query');
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
      methods.filter(
        (m) =>
          m.Properties.AuthorizationType === 'NONE' &&
          !m.Properties.ApiKeyRequired &&
          m.Properties.HttpMethod !== 'OPTIONS',
      ),
    ).toHaveLength(byAuth('public'));
  });

  it('protects each method as the written-down auth table says', () => {
    const resources = template.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>;
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      const resource = id ? resources[id] : undefined;
      return resource ? `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}` : '';
    };
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as Resource[];
    const deployed = Object.fromEntries(
      methods
        .filter((m) => m.Properties.HttpMethod !== 'OPTIONS')
        .map((m) => {
          const p = m.Properties;
          const auth =
            p.AuthorizationType === 'COGNITO_USER_POOLS' && p.AuthorizerId && !p.ApiKeyRequired
              ? 'staff'
              : p.AuthorizationType === 'NONE' && p.ApiKeyRequired === true
                ? 'channel'
                : p.AuthorizationType === 'NONE' && !p.ApiKeyRequired
                  ? 'public'
                  : `unexpected ${p.AuthorizationType}`;
          return [`${p.HttpMethod} ${pathOf(p.ResourceId)}`, auth];
        }),
    );

    expect(deployed).toEqual(Object.fromEntries(ROUTE_AUTH_TABLE.map((row) => [row.route, row.auth])));
  });

  it('gives each channel integration its own named API key, with its id as an output, and a throttled usage plan', () => {
    options.resourceCountIs('AWS::ApiGateway::ApiKey', 2);
    options.hasResourceProperties('AWS::ApiGateway::ApiKey', { Name: 'TestFeedbackStack-web-form' });
    options.hasResourceProperties('AWS::ApiGateway::ApiKey', { Name: 'TestFeedbackStack-call-centre' });
    const outputs = Object.keys(options.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiKeyIdWebForm', 'ApiKeyIdCallCentre']));
    options.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 50_000, Period: 'DAY' },
    });
    options.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 5, BurstLimit: 10 },
    });
  });

  it('sets up the account CloudWatch role API Gateway needs for access logs, and keeps it', () => {
    template.hasResource('AWS::ApiGateway::Account', {
      DeletionPolicy: 'Retain',
      Properties: { CloudWatchRoleArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
      }),
    });
  });

  it('names the REST API after the stack, so two stacks never share alarm dimensions', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'TestFeedbackStack-api' });
  });

  it('gives the staff app client no hosted-UI OAuth flow', () => {
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
    expect(client?.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client?.Properties.CallbackURLs).toBeUndefined();
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
    const functions = (Object.values(options.findResources('AWS::Lambda::Function')) as Resource[]).filter(
      (fn) => Object.values(FUNCTIONS).some((d) => d.description === fn.Properties.Description),
    );
    expect(functions).toHaveLength(Object.keys(FUNCTIONS).length);
    for (const fn of functions) {
      const env = fn.Properties.Environment.Variables;
      expect(JSON.parse(env.SERVICE_FEEDBACK_CONFIG).calendar.timezone).toBe('Europe/Berlin');
      expect(env.PUBLIC_BASE_URL).toBe('https://feedback.example.com');
    }
  });

  it('runs the two import functions, and only them, with capped V8 heaps', () => {
    // Prepare
    const functions = Object.values(options.findResources('AWS::Lambda::Function')) as Resource[];
    const nodeOptions = (description: string) =>
      functions.find((fn) => fn.Properties.Description === description)?.Properties.Environment.Variables
        .NODE_OPTIONS;

    // Assess
    expect(nodeOptions(FUNCTIONS.imports.description)).toBe(
      '--max-old-space-size=512 --max-semi-space-size=4',
    );
    expect(nodeOptions(FUNCTIONS.importFromS3.description)).toBe(
      '--max-old-space-size=512 --max-semi-space-size=4',
    );
    expect(nodeOptions(FUNCTIONS.intake.description)).toBeUndefined();
    expect(functions.filter((fn) => fn.Properties.Environment?.Variables?.NODE_OPTIONS)).toHaveLength(2);
  });

  it('refuses invalid configuration at synth time with the field named', () => {
    expect(() => synthesize({ calendar: { timezone: 'Nowhere/City' } })).toThrow(/calendar\.timezone/);
    expect(() => synthesize({ escalationEmails: [] })).toThrow(/escalationEmails/);
    expect(() => synthesize({ senderEmail: 'not an address' })).toThrow(/senderEmail/);
  });

  it('refuses the example.com defaults unless example addresses are allowed (tests, CI)', () => {
    const strict = { allowExampleAddresses: false };

    expect(() => synthesize({}, strict)).toThrow(/senderEmail: feedback@example\.com is an example address/);
    expect(() => synthesize({ senderEmail: 'feedback@yourco.com' }, strict)).toThrow(
      /escalationEmails\.0: lead@example\.com is an example address/,
    );
    expect(() =>
      synthesize({ senderEmail: 'feedback@yourco.com', escalationEmails: ['lead@yourco.com'] }, strict),
    ).not.toThrow();
  });

  it('refuses a region without SES configuration sets or Cognito, and Comprehend where it does not exist', () => {
    expect(() => synthesize({}, { region: 'ap-east-1' })).toThrow(/region: ap-east-1 lacks SES/);
    expect(() => synthesize({}, { region: 'cn-north-1' })).toThrow(/region: cn-north-1/);
    expect(() => synthesize({}, { region: 'eu-north-1' })).toThrow(
      /sentimentProvider: Amazon Comprehend is not available in eu-north-1/,
    );
    expect(() => synthesize({ sentimentProvider: 'local' }, { region: 'eu-north-1' })).not.toThrow();
  });

  it('refuses unsupported regions in the template itself, for environment-agnostic synths', () => {
    const rules = template.toJSON().Rules as Record<string, { Assertions: { Assert: unknown }[] }>;
    const assertion = JSON.stringify(rules.SupportedRegion?.Assertions[0]?.Assert);

    expect(assertion).toContain('"us-east-1"');
    expect(assertion).toContain('"AWS::Region"');
    expect(assertion).not.toContain('"ap-east-1"');
  });
});

describe('stream triggers', () => {
  it('maps every shared trigger with its filters, partial batch responses, bisect, bounded retries and a DLQ', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    expect(mappings).toHaveLength(STREAM_TRIGGERS.length + QUEUE_TRIGGERS.length);
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

  it('feeds the campaign sender from an encrypted queue with a DLQ, at most campaignSendConcurrency at once', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^QueueTriggerscampaignsends'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 5400,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
  });

  it('grants Comprehend detection only to the functions that score sentiment, and SES sending only from the sender', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, any>[],
    );
    const comprehendOf = (description: string) =>
      actionsOfFunction(template, description)
        .filter((a) => a.startsWith('comprehend:'))
        .sort();
    expect(comprehendOf(FUNCTIONS.triage.description)).toEqual([
      'comprehend:BatchDetectDominantLanguage',
      'comprehend:BatchDetectSentiment',
    ]);
    expect(comprehendOf(FUNCTIONS.sentimentRescore.description)).toEqual(['comprehend:BatchDetectSentiment']);
    for (const definition of Object.values(FUNCTIONS).filter((f) => !('permissions' in f))) {
      expect(comprehendOf(definition.description)).toEqual([]);
    }
    const ses = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(ses.length).toBeGreaterThan(0);
    for (const s of ses) {
      expect(s.Action).toBe('ses:SendEmail');
      expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'feedback@example.com' } });
      // In the SES sandbox every recipient's identity is authorized too: all identities of the account.
      expect(JSON.stringify(s.Resource)).toContain(':ses:ap-southeast-1:123456789012:identity/*');
      expect(JSON.stringify(s.Resource)).toContain(':configuration-set/');
    }
  });

  it('grants no Comprehend access when the built-in scorer is configured', () => {
    expect(JSON.stringify(sharedTemplate('localSentiment').toJSON())).not.toContain('comprehend:');
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

  it('runs the weekly and monthly snapshots and the daily retention at fixed local times', () => {
    for (const [name, expression] of [
      ['weekly-snapshot', 'cron(0 1 ? * MON *)'],
      ['monthly-snapshot', 'cron(0 1 1 * ? *)'],
      ['quarterly-snapshot', 'cron(0 1 1 1,4,7,10 ? *)'],
      ['data-retention', 'cron(30 2 * * ? *)'],
    ])
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        Target: Match.objectLike({
          Input: JSON.stringify({ schedule: name, scheduledTime: '<aws.scheduler.scheduled-time>' }),
        }),
      });
  });

  it('runs the snapshot schedules through one Step Functions loop that invokes the function until it is done', () => {
    // Prepare
    const machines = template.findResources('AWS::StepFunctions::StateMachine');
    const [machineId] = Object.keys(machines);
    const machine = Object.values(machines)[0] as Resource;
    const [snapshotFunctionId] = Object.keys(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: FUNCTIONS.quarterlySnapshot.description },
      }),
    );

    // Assess: one loop; every runsUntilDone schedule starts it with the usual input, the others invoke Lambda
    expect(Object.keys(machines)).toHaveLength(1);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[];
    for (const definitionOf of SCHEDULES) {
      const schedule = schedules.find((s) => s.Properties.Target.Input.includes(`"${definitionOf.name}"`));
      const arn = schedule?.Properties.Target.Arn;
      if (definitionOf.runsUntilDone) expect(arn).toEqual({ Ref: machineId });
      else expect(arn?.['Fn::GetAtt']?.[1]).toBe('Arn');
    }
    expect(SCHEDULES.filter((s) => s.runsUntilDone).map((s) => s.name)).toEqual([
      'quarterly-snapshot',
      'weekly-snapshot',
      'monthly-snapshot',
    ]);
    // Invoke with the execution's input as it is, then again with `next` while the answer has one
    const parts = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
    const asl = JSON.parse(
      parts.map((p) => (typeof p === 'string' ? p : `<${JSON.stringify(p).replaceAll('"', "'")}>`)).join(''),
    );
    expect(asl.StartAt).toBe('Run');
    const run = asl.States.Run;
    expect(run).toMatchObject({ Type: 'Task', Next: 'AnotherRun' });
    expect(run.Resource).toContain(`['${snapshotFunctionId}','Arn']`);
    expect(run).not.toHaveProperty('Parameters');
    expect(run).not.toHaveProperty('InputPath');
    expect(run.Retry.at(-1)).toEqual({
      ErrorEquals: ['States.ALL'],
      IntervalSeconds: 60,
      MaxAttempts: 2,
      BackoffRate: 2,
    });
    expect(asl.States.AnotherRun).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.next', IsPresent: true, Next: 'RunAgain' }],
      Default: 'Done',
    });
    expect(asl.States.RunAgain).toEqual({ Type: 'Pass', OutputPath: '$.next', Next: 'Run' });
    expect(asl.States.Done).toEqual({ Type: 'Succeed' });
    expect(asl.TimeoutSeconds).toBe(12 * 3600);
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.Properties.LoggingConfiguration).toMatchObject({
      Level: 'ALL',
      IncludeExecutionData: true,
    });
    // The loop's role may invoke that function and no other
    const roleId = machine.Properties.RoleArn['Fn::GetAtt'][0];
    const invokes = (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[])
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[])
      .filter((st) => st.Action === 'lambda:InvokeFunction');
    expect(JSON.stringify(invokes.map((st) => st.Resource))).not.toMatch(/"\*"/);
    for (const resource of invokes.flatMap((st) => st.Resource))
      expect(JSON.stringify(resource)).toContain(snapshotFunctionId);
  });

  it('keeps snapshot checkpoints in a private bucket the snapshot function alone reads and writes, for 7 days at most', () => {
    // Prepare
    const buckets = template.findResources('AWS::S3::Bucket');
    const [bucketId] = Object.keys(buckets).filter((id) => id.startsWith('SnapshotRuns'));
    const bucket = buckets[bucketId as string] as Resource;
    const withCheckpoints = (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[])
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[])
      .filter((st) => JSON.stringify(st.Resource).includes(bucketId as string) && st.Effect === 'Allow');

    // Assess
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: {
        Rules: [{ Prefix: 'snapshot-runs/', ExpirationInDays: 7, Status: 'Enabled' }],
      },
    });
    expect(withCheckpoints.map((st) => st.Action)).toEqual([
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      's3:ListBucket',
    ]);
    expect(actionsOfFunction(template, FUNCTIONS.quarterlySnapshot.description)).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket']),
    );
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: FUNCTIONS.quarterlySnapshot.description,
      Environment: { Variables: Match.objectLike({ SNAPSHOT_RUNS_BUCKET_NAME: { Ref: bucketId } }) },
    });
  });

  it('sends a scheduled function’s own failures to the schedules’ DLQ, after Lambda’s async retries', () => {
    // Functions run by a Step Functions loop are invoked synchronously: the loop retries them.
    const scheduled = new Set(SCHEDULES.filter((s) => !s.runsUntilDone).map((s) => s.function));
    expect(scheduled.has('quarterlySnapshot')).toBe(false);
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')) as Resource[];

    expect(configs).toHaveLength(scheduled.size);
    for (const config of configs) {
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      expect(config.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]).toMatch(
        /^SchedulesDeadLetters/,
      );
    }
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it.each(
    Object.keys(CONFIGURATIONS) as ConfigurationName[],
  )('%s: no unacknowledged finding, every acknowledgement with a reason', (name) => {
    expect(() => sharedTemplate(name)).not.toThrow();
  });

  it('reports a finding when one is introduced (the check is live)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new FeedbackStack(app, 'NagViolatingStack', {
      config: {},
      allowExampleAddresses: true,
      env: TEST_ENV,
    });
    new Queue(stack, 'UnencryptedQueueWithoutDlq', { encryption: QueueEncryption.UNENCRYPTED });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).toThrow();
  });
});

describe('alarms', () => {
  it('alarms on every DLQ, function errors and throttles, API 5xx, sweep failures, the SES bounce rate and unfinished loops', () => {
    const withEmail = options;
    const alarms = Object.values(withEmail.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const functions = Object.keys(FUNCTIONS).length;
    const dlqs = STREAM_TRIGGERS.length + QUEUE_TRIGGERS.length + 1;
    // One loop (the snapshots'): failed and timed-out executions
    expect(alarms).toHaveLength(dlqs + functions * 2 + 3 + 2);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    expect(alarms.map((a) => a.Properties.MetricName)).toEqual(
      expect.arrayContaining([
        'ApproximateNumberOfMessagesVisible',
        'Errors',
        'Throttles',
        '5XXError',
        'Reputation.BounceRate',
        'ExecutionsFailed',
        'ExecutionsTimedOut',
      ]),
    );
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it('encrypts the alarm topic with a key CloudWatch may use, and lets CloudWatch publish to it', () => {
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    const [topic] = Object.values(template.findResources('AWS::SNS::Topic')) as Resource[];
    const keyId = topic?.Properties.KmsMasterKeyId['Fn::GetAtt']?.[0];
    const key = template.toJSON().Resources[keyId] as Resource;
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': '123456789012' } };

    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: fromThisAccount,
        }),
      ]),
    );
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: fromThisAccount,
          }),
        ]),
      }),
    });
  });
});

describe('privacy options', () => {
  it('encrypts the table with a rotated customer-managed key when asked', () => {
    const cmk = sharedTemplate('customerManagedKey');
    cmk.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    cmk.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
    });
  });

  it('grants only Decrypt, GenerateDataKey and DescribeKey on that key, and GenerateDataKey only to writers', () => {
    const cmk = sharedTemplate('customerManagedKey');
    const kms = Object.values(FUNCTIONS).map((definition) =>
      actionsOfFunction(cmk, definition.description).filter((a) => a.startsWith('kms:')),
    );

    expect(new Set(kms.flat())).toEqual(new Set(['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey']));
    expect(actionsOfFunction(cmk, FUNCTIONS.tracking.description)).not.toContain('kms:GenerateDataKey');
    expect(actionsOfFunction(cmk, FUNCTIONS.intake.description)).toContain('kms:GenerateDataKey');
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
