import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StackConfig } from '../../shared/config/stack-config.ts';
import type { FunctionName } from '../../shared/definitions/function-definitions.ts';
import type {
  ScheduleDefinition,
  ScheduledInvocation,
} from '../../shared/definitions/trigger-definitions.ts';
import { dependOnGrants, type GrantTarget, grantSendToQueue } from './function-grants.ts';
import { RunUntilDone } from './run-until-done.ts';

export interface SchedulesProps {
  schedules: readonly ScheduleDefinition[];
  functions: Record<FunctionName, GrantTarget>;
  config: StackConfig;
}

/**
 * One EventBridge Scheduler schedule per shared definition, in the configured timezone, with
 * a retry policy and a dead-letter queue. Each invocation carries `{ schedule, scheduledTime }`,
 * the same input the local stack's `/_local/schedules/{name}` passes.
 *
 * Scheduler invokes asynchronously, so its retries and DLQ cover delivery only. A function that
 * fails gets Lambda's two async retries and then goes to the same DLQ (its on-failure destination).
 *
 * A definition that `runsUntilDone` starts its function's {@link RunUntilDone} loop instead (one
 * per function, shared by its schedules): a Step Functions execution runs it until it is done.
 */
export class Schedules extends Construct {
  readonly deadLetterQueue: Queue;
  readonly schedules: Schedule[] = [];
  /** The run-until-done loops, by function. */
  readonly loops: Partial<Record<FunctionName, StateMachine>> = {};

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue.',
    });
    const timeZone = TimeZone.of(props.config.calendar.timezone);
    for (const definition of props.schedules) {
      const input: Required<Omit<ScheduledInvocation, 'continues'>> = {
        schedule: definition.name,
        scheduledTime: ContextAttribute.scheduledTime,
      };
      const delivery = {
        input: ScheduleTargetInput.fromObject(input),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetterQueue,
      };
      const fn = props.functions[definition.function].function;
      this.schedules.push(
        new Schedule(this, definition.name, {
          description: definition.description,
          schedule: ScheduleExpression.expression(definition.expression(props.config), timeZone),
          target: definition.runsUntilDone
            ? new StepFunctionsStartExecution(this.#loopOf(definition.function, fn), delivery)
            : new LambdaInvoke(fn, delivery),
        }),
      );
    }
    const invokedDirectly = props.schedules.filter((definition) => !definition.runsUntilDone);
    for (const name of new Set(invokedDirectly.map((definition) => definition.function))) {
      const target = props.functions[name];
      grantSendToQueue(target.function, this.deadLetterQueue);
      const queueArn = this.deadLetterQueue.queueArn;
      // The destination only: the grant above is the one Lambda needs (SqsDestination would add more).
      target.function.configureAsyncInvoke({
        retryAttempts: 2,
        onFailure: { bind: () => ({ destination: queueArn }) },
      });
      const invokeConfig = target.function.node.tryFindChild('EventInvokeConfig');
      if (invokeConfig) dependOnGrants(invokeConfig, target);
    }
    // The scheduler's role (created by the L2 target at stack level) may invoke these functions'
    // versions (`<arn>:*`); the finding ids name each function, so nothing else is covered.
    for (const definition of invokedDirectly) {
      const logicalId = Stack.of(this).getLogicalId(
        props.functions[definition.function].function.node.defaultChild as CfnElement,
      );
      Validations.of(Stack.of(this)).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: 'EventBridge Scheduler invokes exactly this function (any version), nothing else.',
      });
    }
  }

  #loopOf(name: FunctionName, fn: GrantTarget['function']): StateMachine {
    this.loops[name] ??= new RunUntilDone(this, `${name}-runs`, {
      function: fn,
      // At the measured 1,406 s per million, a run reads ~0.58 M items: 10 M take ~18 runs (4.5 h).
      timeout: Duration.hours(12),
    }).stateMachine;
    return this.loops[name];
  }
}
