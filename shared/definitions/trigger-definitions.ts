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
  | 'hot-topic-scan';

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
}

/** The input every scheduled invocation receives. */
export interface ScheduledInvocation {
  schedule: ScheduleName;
  scheduledTime: string;
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
];
