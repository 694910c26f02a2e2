import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../shared/definitions/function-definitions.ts';
import type { StreamTriggerDefinition } from '../../shared/definitions/trigger-definitions.ts';

export interface StreamTriggersProps {
  table: ITable;
  triggers: readonly StreamTriggerDefinition[];
  functions: Record<FunctionName, IFunction>;
}

/**
 * One event source mapping per shared trigger definition: filtered, batched, reporting partial
 * batch failures, bisecting on error, bounded in retries and record age, and sending what it
 * gives up on to its own encrypted SQS dead-letter queue.
 */
export class StreamTriggers extends Construct {
  readonly deadLetterQueues: Partial<Record<FunctionName, Queue>> = {};

  constructor(scope: Construct, id: string, props: StreamTriggersProps) {
    super(scope, id);
    for (const trigger of props.triggers) {
      const dlq = new Queue(this, `${trigger.function}-dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(dlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue.',
      });
      this.deadLetterQueues[trigger.function] = dlq;
      props.functions[trigger.function].addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: trigger.batchSize,
          maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
          retryAttempts: trigger.retryAttempts,
          maxRecordAge: Duration.seconds(trigger.maxRecordAgeSeconds),
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          filters: trigger.filters.map((pattern) =>
            FilterCriteria.filter(pattern as Record<string, unknown>),
          ),
          onFailure: new SqsDlq(dlq),
        }),
      );
    }
  }
}
