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

/** Stream triggers; filled in as stream functions land (triage, notify, aggregate). */
export const STREAM_TRIGGERS: readonly StreamTriggerDefinition[] = [];

/** Names of the scheduled functions (contract §1, `/_local/schedules/{name}`). */
export type ScheduleName = 'escalation-sweep' | 'quarterly-snapshot';

/**
 * A function EventBridge Scheduler runs. The scheduler passes `{ schedule, scheduledTime }`;
 * locally `POST /_local/schedules/{name}` passes the same with the requested instant.
 */
export interface ScheduleDefinition {
  name: ScheduleName;
  function: FunctionName;
  /** Scheduler expression, evaluated in the configured timezone. */
  expression: string;
}

/** The input every scheduled invocation receives. */
export interface ScheduledInvocation {
  schedule: ScheduleName;
  scheduledTime: string;
}

/** Schedules; filled in as the escalation sweep and the quarterly snapshot land. */
export const SCHEDULES: readonly ScheduleDefinition[] = [];
