import type { StackConfig } from '../config/stack-config.ts';
import type { EventPattern } from './event-pattern.ts';
import type { FunctionName } from './function-definitions.ts';

/**
 * A function fed by the feedback table's stream. The CDK stack makes it an event source
 * mapping; the local stack's poller runs it with the same filters, batch size and retries.
 */
export interface StreamTriggerDefinition {
  function: FunctionName;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  /** Lambda filter patterns; a record passes when it matches any. */
  filters: readonly EventPattern[];
}

/** Stream triggers. Filters keep each function's invocations to the records it acts on. */
export const STREAM_TRIGGERS: readonly StreamTriggerDefinition[] = [
  {
    function: 'triage',
    // Comprehend takes 25 documents a call and sentiment is called per language, so a batch of
    // 25 mixed zh/zh-TW/en costs 4 calls; 500 amortises that to ~2 calls per 25 (measured:
    // bench/results.json). The 1 s window keeps a quiet stream triaged within about a second.
    batchSize: 500,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 5,
    maxRecordAgeSeconds: 86_400,
    filters: [
      {
        eventName: ['INSERT'],
        dynamodb: { NewImage: { entity: { S: ['feedback'] }, status: { S: ['received'] } } },
      },
    ],
  },
  {
    function: 'notify',
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    retryAttempts: 8,
    maxRecordAgeSeconds: 86_400,
    filters: [
      {
        eventName: ['MODIFY'],
        dynamodb: { NewImage: { entity: { S: ['feedback'] }, priority: { S: ['P1'] } } },
      },
      {
        eventName: ['MODIFY'],
        dynamodb: { NewImage: { entity: { S: ['feedback'] }, status: { S: ['resolved'] } } },
      },
    ],
  },
  {
    function: 'hotTopicCount',
    // Counting is off the triage's path; batches of 100 keep a busy stream at few invocations.
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 8,
    maxRecordAgeSeconds: 86_400,
    filters: [
      {
        eventName: ['MODIFY'],
        dynamodb: {
          OldImage: { status: { S: ['received'] } },
          NewImage: {
            entity: { S: ['feedback'] },
            status: { S: ['open'] },
            type: { S: ['complaint', 'emotional'] },
          },
        },
      },
    ],
  },
  {
    // Every feedback and snapshot change, hot-topic report sent and problem resolved (claims and audit items are not events).
    function: 'domainEvents',
    batchSize: 100,
    maxBatchingWindowSeconds: 0,
    retryAttempts: 10,
    maxRecordAgeSeconds: 86_400,
    filters: [
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['feedback'] } } } },
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['snapshot'] } } } },
      // A hot-topic report once its email went out; a problem once it is resolved (contract §10).
      {
        eventName: ['MODIFY'],
        dynamodb: { NewImage: { entity: { S: ['hot-topic'] }, status: { S: ['sent'] } } },
      },
      {
        eventName: ['MODIFY'],
        dynamodb: {
          NewImage: { entity: { S: ['problem'] }, problem: { M: { status: { S: ['resolved'] } } } },
        },
      },
    ],
  },
];

/** Names of the scheduled functions (contract §1, `/_local/schedules/{name}`). */
export type ScheduleName =
  | 'escalation-sweep'
  | 'quarterly-snapshot'
  | 'sentiment-rescore'
  | 'complaint-digest'
  | 'hot-topic-scan'
  | 'campaign-dispatch'
  | 'weekly-snapshot'
  | 'monthly-snapshot'
  | 'data-retention';

/**
 * A function EventBridge Scheduler runs. The scheduler passes `{ schedule, scheduledTime }`;
 * locally `POST /_local/schedules/{name}` passes the same with the requested instant.
 */
export interface ScheduleDefinition {
  name: ScheduleName;
  function: FunctionName;
  description: string;
  /** Scheduler expression (`rate(…)`, `cron(…)`), evaluated in the configured timezone. */
  expression: (config: StackConfig) => string;
  /**
   * Work that may outgrow one Lambda run: the function answers `{ next }` ({@link RunAgain})
   * to be invoked again with `next`, until it answers without one. Deployed, the schedule
   * starts a Step Functions loop that does this; locally, `/_local/schedules/{name}` loops.
   */
  runsUntilDone?: true;
}

/** The input every scheduled invocation receives. */
export interface ScheduledInvocation {
  schedule: ScheduleName;
  scheduledTime: string;
  /** Set on a run that continues a paused one: the runs before it (`runsUntilDone` only). */
  continues?: number;
}

/** The answer of a run that paused: invoke the function again with `next`. */
export interface RunAgain {
  next: ScheduledInvocation;
}

/** Whether a scheduled function's answer asks to be run again. */
export function asksToRunAgain(answer: unknown): answer is RunAgain {
  if (typeof answer !== 'object' || answer === null || !('next' in answer)) return false;
  return typeof answer.next === 'object' && answer.next !== null;
}

/** Schedules (the escalation sweep and quarterly snapshot join as they land). */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  {
    name: 'escalation-sweep',
    function: 'escalationSweep',
    description: 'Sends due escalation warnings and breach notices',
    expression: (config) =>
      `rate(${config.escalationSweepMinutes} minute${config.escalationSweepMinutes === 1 ? '' : 's'})`,
  },
  {
    name: 'quarterly-snapshot',
    function: 'quarterlySnapshot',
    description: 'Computes the quarter that just ended at 01:00 on its next first day',
    expression: () => 'cron(0 1 1 1,4,7,10 ? *)',
    runsUntilDone: true,
  },
  {
    name: 'weekly-snapshot',
    function: 'quarterlySnapshot',
    description: 'Computes the ISO week that just ended at 01:00 on Monday (no email)',
    expression: () => 'cron(0 1 ? * MON *)',
    runsUntilDone: true,
  },
  {
    name: 'monthly-snapshot',
    function: 'quarterlySnapshot',
    description: 'Computes the month that just ended at 01:00 on its next first day (no email)',
    expression: () => 'cron(0 1 1 * ? *)',
    runsUntilDone: true,
  },
  {
    name: 'complaint-digest',
    function: 'complaintDigest',
    description: 'Emails each team’s leads the complaints received since its previous digest (contract §7)',
    expression: (config) => {
      const [hour, minute] = config.complaintDigestTime.split(':').map(Number);
      return `cron(${minute} ${hour} * * ? *)`;
    },
  },
  {
    name: 'data-retention',
    function: 'dataRetention',
    description: 'Erases the personal data of feedback received more than personalDataRetentionDays ago',
    expression: () => 'cron(30 2 * * ? *)',
  },
  {
    name: 'sentiment-rescore',
    function: 'sentimentRescore',
    description: 'Scores sentiment left pending while Comprehend was unavailable',
    expression: () => 'rate(15 minutes)',
  },
  {
    name: 'hot-topic-scan',
    function: 'hotTopicScan',
    description: 'Reports complaint topics far above their baseline, once per window (contract §10)',
    expression: () => 'cron(0/15 * * * ? *)',
  },
  {
    name: 'campaign-dispatch',
    function: 'campaignDispatch',
    description: 'Fans due campaign invitations and reminders out to the send queue (contract §11)',
    expression: () => 'cron(0/15 * * * ? *)',
  },
];

/**
 * A function fed by an SQS queue. The CDK stack makes the queue (with a dead-letter queue) and
 * an event source mapping; the local stack runs a queue in memory with the same batch size,
 * concurrency and retries, reached through the same SDK calls.
 */
export interface QueueTriggerDefinition {
  /** Names the queue (construct id locally and in CDK). */
  queue: 'campaign-sends';
  function: FunctionName;
  /** The function that sends to it (gets the queue URL and `sqs:SendMessage`). */
  producer: FunctionName;
  batchSize: number;
  /** Consumers at once (SQS maximum concurrency, at least 2). */
  maxConcurrency: (config: StackConfig) => number;
  /** Deliveries before a message goes to the dead-letter queue. */
  maxReceiveCount: number;
}

export const QUEUE_TRIGGERS: readonly QueueTriggerDefinition[] = [
  {
    queue: 'campaign-sends',
    function: 'campaignSend',
    producer: 'campaignDispatch',
    // One message is already a batch of recipients; one message per invocation keeps the pacing
    // per consumer exact and a failure's redelivery small.
    batchSize: 1,
    maxConcurrency: (config) => config.campaignSendConcurrency,
    maxReceiveCount: 5,
  },
];
