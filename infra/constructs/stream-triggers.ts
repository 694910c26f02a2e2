import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { EventSourceMapping, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../shared/definitions/function-definitions.ts';
import type { StreamTriggerDefinition } from '../../shared/definitions/trigger-definitions.ts';
import { dependOnGrants, type GrantTarget, grantSendToQueue } from './function-grants.ts';

export interface StreamTriggersProps {
  table: ITableV2;
  /** The table's customer-managed key: reading its stream needs `kms:Decrypt`. */
  encryptionKey?: IKey | undefined;
  triggers: readonly StreamTriggerDefinition[];
  functions: Record<FunctionName, GrantTarget>;
}

/**
 * One event source mapping per shared trigger definition: filtered, batched, reporting partial
 * batch failures, bisecting on error, bounded in retries and record age, and sending what it
 * gives up on to its own encrypted SQS dead-letter queue. The function's role gets exactly what
 * Lambda uses to read the stream and to send to the queue (CDK's own grants add more).
 */
export class StreamTriggers extends Construct {
  readonly deadLetterQueues: Partial<Record<FunctionName, Queue>> = {};

  constructor(scope: Construct, id: string, props: StreamTriggersProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The feedback table has no stream');
    for (const trigger of props.triggers) {
      const target = props.functions[trigger.function];
      const fn = target.function;
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

      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resources: [streamArn],
        }),
      );
      // ListStreams has no resource-level permissions.
      target.unscopedPolicy.addStatements(
        new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
      );
      if (props.encryptionKey) {
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.encryptionKey.keyArn] }),
        );
      }
      grantSendToQueue(fn, dlq);

      const mapping = new EventSourceMapping(this, `${trigger.function}-mapping`, {
        target: fn,
        eventSourceArn: streamArn,
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: trigger.batchSize,
        maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
        retryAttempts: trigger.retryAttempts,
        maxRecordAge: Duration.seconds(trigger.maxRecordAgeSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        filters: trigger.filters.map((pattern) => FilterCriteria.filter(pattern as Record<string, unknown>)),
        // The destination only: the grant above is the one Lambda needs (SqsDlq would add more).
        onFailure: { bind: () => ({ destination: dlq.queueArn }) },
      });
      dependOnGrants(mapping, target);
    }
  }
}
