import { Aws, CfnOutput, CfnRule, Fn, RemovalPolicy, Stack, type StackProps, Token } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { functionEnvironment } from '../shared/config/function-environment.ts';
import { deployabilityIssues, SUPPORTED_REGIONS } from '../shared/config/regions.ts';
import { ENV } from '../shared/config/runtime-config.ts';
import { parseStackConfig, type StackConfig, type StackConfigInput } from '../shared/config/stack-config.ts';
import { teamsOf } from '../shared/config/team-defaults.ts';
import {
  FUNCTIONS,
  type FunctionName,
  memoryOf,
  permissionsOf,
} from '../shared/definitions/function-definitions.ts';
import { ROUTES } from '../shared/definitions/route-definitions.ts';
import { FEEDBACK_TABLE } from '../shared/definitions/table-definition.ts';
import { QUEUE_TRIGGERS, SCHEDULES, STREAM_TRIGGERS } from '../shared/definitions/trigger-definitions.ts';
import { BaseFunction } from './constructs/base-function.ts';
import { DomainEvents } from './constructs/domain-events.ts';
import { EmailSending } from './constructs/email-sending.ts';
import { API_STAGE_NAME, FeedbackApi } from './constructs/feedback-api.ts';
import { FeedbackImports } from './constructs/feedback-imports.ts';
import { FeedbackTable } from './constructs/feedback-table.ts';
import { type GrantTarget, grantDeclaredAccess } from './constructs/function-grants.ts';
import { InboundEmail } from './constructs/inbound-email.ts';
import { OperationsAlarms } from './constructs/operations-alarms.ts';
import { PublicBoardCache } from './constructs/public-board-cache.ts';
import { QueueTriggers } from './constructs/queue-triggers.ts';
import { Schedules } from './constructs/schedules.ts';
import { SmsSending } from './constructs/sms-sending.ts';
import { SnapshotCheckpointBucket } from './constructs/snapshot-checkpoint-bucket.ts';
import { StaffConsole } from './constructs/staff-console.ts';
import { StaffRoles } from './constructs/staff-roles.ts';
import { StreamTriggers } from './constructs/stream-triggers.ts';

export interface FeedbackStackProps extends StackProps {
  /** Deploy-time configuration as written (CDK context `serviceFeedback`); validated here. */
  config: StackConfigInput | undefined;
  /**
   * Accept sender, escalation and alarm addresses at example domains (the defaults). For tests
   * and proof builds only (`-c allowExampleAddresses=true`): deployed, every send would fail.
   */
  allowExampleAddresses?: boolean;
}

/** The whole Service Feedback Stack: table, functions, API, wired from the shared definitions. */
export class FeedbackStack extends Stack {
  readonly api: FeedbackApi;
  readonly table: FeedbackTable;
  readonly config: StackConfig;
  readonly email: EmailSending;
  readonly streamTriggers: StreamTriggers;
  readonly schedules: Schedules;
  readonly alarms: OperationsAlarms;
  readonly console: StaffConsole;
  readonly imports: FeedbackImports;
  readonly sms: SmsSending;
  readonly events: DomainEvents;
  readonly queueTriggers: QueueTriggers;
  readonly inboundEmail: InboundEmail;

  constructor(scope: Construct, id: string, props: FeedbackStackProps) {
    super(scope, id, props);
    const config = parseStackConfig(props.config);
    this.config = config;
    const issues = deployabilityIssues(config, {
      region: Token.isUnresolved(this.region) ? undefined : this.region,
      allowExampleAddresses: props.allowExampleAddresses ?? false,
    });
    if (issues.length) {
      throw new Error(
        `Invalid serviceFeedback configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`,
      );
    }
    // An environment-agnostic template still refuses a region it cannot serve, before creating anything.
    new CfnRule(this, 'SupportedRegion', {
      assertions: [
        {
          assert: Fn.conditionContains([...SUPPORTED_REGIONS], Aws.REGION),
          assertDescription: `region: this stack needs SES configuration sets and Cognito user pools; deploy to one of ${SUPPORTED_REGIONS.join(', ')}`,
        },
      ],
    });
    const encryptionKey = config.customerManagedKey
      ? new Key(this, 'DataKey', {
          enableKeyRotation: true,
          removalPolicy: RemovalPolicy.RETAIN,
          description: 'Service Feedback Stack data',
        })
      : undefined;
    this.table = new FeedbackTable(this, 'Feedback', {
      definition: FEEDBACK_TABLE,
      ...(encryptionKey ? { encryptionKey } : {}),
    });

    // Links in customer emails point at the configured public URL, else at the API itself.
    // The API is built from the functions, so its URL is added to them afterwards; it is made
    // from the API id, not the stage, which keeps the dependency graph free of cycles.
    const environment = functionEnvironment(props.config, {
      tableName: this.table.table.tableName,
      publicBaseUrl: config.publicBaseUrl ?? '',
    });

    this.email = new EmailSending(this, 'Email', { senderEmail: config.senderEmail });
    this.sms = new SmsSending(this, 'Sms', {
      originationIdentity: config.smsOriginationIdentity,
      configurationSetName: config.smsConfigurationSet,
    });

    const targets = {} as Record<FunctionName, GrantTarget>;
    for (const [name, definition] of Object.entries(FUNCTIONS) as [
      FunctionName,
      (typeof FUNCTIONS)[FunctionName],
    ][]) {
      const target = new BaseFunction(this, pascal(name), {
        definition: { ...definition, memoryMb: memoryOf(definition, config) },
        environment,
      });
      grantDeclaredAccess(target, {
        definition,
        table: this.table.table,
        encryptionKey,
        email: this.email,
        sentimentProvider: config.sentimentProvider,
      });
      if (permissionsOf(definition).includes('sendSms')) this.sms.grantSend(target.function);
      targets[name] = target;
    }
    const functions = Object.fromEntries(
      Object.entries(targets).map(([name, target]) => [name, target.function]),
    ) as Record<FunctionName, GrantTarget['function']>;

    this.streamTriggers = new StreamTriggers(this, 'StreamTriggers', {
      table: this.table.table,
      encryptionKey,
      triggers: STREAM_TRIGGERS,
      functions: targets,
    });

    // Survey campaign sends fan out through a queue, paced within the SES rate (contract §11).
    this.queueTriggers = new QueueTriggers(this, 'QueueTriggers', {
      triggers: QUEUE_TRIGGERS,
      functions: targets,
      config,
    });

    this.imports = new FeedbackImports(this, 'LargeImports', {
      presignFunction: functions.importUploads,
      importFunction: functions.importFromS3,
    });

    this.inboundEmail = new InboundEmail(this, 'InboundMail', {
      function: functions.inboundEmail,
      address: config.inboundEmailAddress,
    });
    new CfnOutput(this, 'InboundEmailBucketName', { value: this.inboundEmail.bucket.bucketName });
    if (this.inboundEmail.ruleSet) {
      new CfnOutput(this, 'InboundEmailRuleSetName', {
        value: this.inboundEmail.ruleSet.receiptRuleSetName,
        description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
      });
    }

    this.events = new DomainEvents(this, 'Events', { publisher: functions.domainEvents });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });

    this.schedules = new Schedules(this, 'Schedules', { schedules: SCHEDULES, functions: targets, config });
    // A snapshot too large for one run keeps its counts here between the runs of its loop.
    new SnapshotCheckpointBucket(this, 'SnapshotRuns', {
      functions: (Object.keys(FUNCTIONS) as FunctionName[])
        .filter((name) => permissionsOf(FUNCTIONS[name]).includes('snapshotCheckpoints'))
        .map((name) => functions[name]),
    });

    this.console = new StaffConsole(this, 'Console');
    this.api = new FeedbackApi(this, 'Api', {
      corsOrigins: [this.console.origin],
      routes: ROUTES,
      functions,
      integrations: config.integrations,
      publicFormThrottle: config.publicFormThrottle,
      publicFormWaf: config.publicFormWaf,
    });
    this.console.connect({
      pool: this.api.staffPool,
      apiUrl: this.api.api.url,
      timezone: config.calendar.timezone,
      ...(config.consoleDomainPrefix ? { domainPrefix: config.consoleDomainPrefix } : {}),
    });
    // Staff emails link into the console; the configured consoleUrl wins (runtime-config).
    for (const fn of Object.values(functions)) {
      fn.addEnvironment(ENV.consoleUrl, this.console.url);
      fn.addEnvironment(ENV.consoleOrigin, this.console.origin);
    }
    new StaffRoles(this, 'StaffRoles', { userPool: this.api.staffPool, teams: teamsOf(config) });
    const board = new PublicBoardCache(this, 'PublicBoardEdge', { api: this.api.api, routes: ROUTES });
    new CfnOutput(this, 'PublicBoardUrl', {
      value: `${board.origin}/v1/public/board`,
      description: 'The public “you said, we did” board, cached at the edge',
    });
    for (const [name, definition] of Object.entries(FUNCTIONS) as [
      FunctionName,
      (typeof FUNCTIONS)[FunctionName],
    ][]) {
      if (permissionsOf(definition).includes('readStaffDirectory'))
        StaffRoles.grantDirectoryRead(this.api.staffPool, functions[name]);
    }
    if (!config.publicBaseUrl) {
      const apiBaseUrl = `https://${this.api.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}/${API_STAGE_NAME}`;
      for (const fn of Object.values(functions)) fn.addEnvironment(ENV.publicBaseUrl, apiBaseUrl);
    }

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      functions,
      deadLetterQueues: {
        ...this.streamTriggers.deadLetterQueues,
        ...this.queueTriggers.deadLetterQueues,
        schedules: this.schedules.deadLetterQueue,
      },
      api: this.api.api,
      escalationSweep: functions.escalationSweep,
      loops: this.schedules.loops,
      alarmEmail: config.alarmEmail,
    });

    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.api.url,
      description: 'Base URL of the API (append v1/...)',
    });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.api.staffPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.api.staffClient.userPoolClientId });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `${config.consoleUrl ?? this.console.url}/`,
      description: 'The staff console (sign in with Cognito managed login)',
    });
    new CfnOutput(this, 'FeedbackTableName', { value: this.table.table.tableName });
    for (const [integration, key] of Object.entries(this.api.apiKeys)) {
      new CfnOutput(
        this,
        `ApiKeyId${pascal(integration.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()))}`,
        {
          value: key.keyId,
          description: `API key of channel integration ${integration} (aws apigateway get-api-key --include-value --api-key <id>)`,
        },
      );
    }
    new CfnOutput(this, 'ImportBucketName', { value: this.imports.bucket.bucketName });
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
