import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CAMPAIGN_QUEUE_URL_ENV } from '../../shared/adapters/sqs-send-queue.ts';
import type { StackConfig } from '../../shared/config/stack-config.ts';
import type { FunctionName } from '../../shared/definitions/function-definitions.ts';
import type { QueueTriggerDefinition } from '../../shared/definitions/trigger-definitions.ts';
import { dependOnGrants, type GrantTarget } from './function-grants.ts';

export interface QueueTriggersProps {
  triggers: readonly QueueTriggerDefinition[];
  functions: Record<FunctionName, GrantTarget>;
  config: StackConfig;
}

/** Environment variable per queue that tells its producer the queue URL. */
const URL_ENV: Record<QueueTriggerDefinition['queue'], string> = { 'campaign-sends': CAMPAIGN_QUEUE_URL_ENV };

/**
 * Fan-out queues (survey campaign sends): one encrypted SQS queue per shared definition with
 * its dead-letter queue after `maxReceiveCount` deliveries, an event source mapping with the
 * definition's batch size and maximum concurrency (so the consumers together stay within the
 * SES rate) reporting partial batch failures, and `sqs:SendMessage` for the producer only.
 */
export class QueueTriggers extends Construct {
  readonly queues: Partial<Record<QueueTriggerDefinition['queue'], Queue>> = {};
  readonly deadLetterQueues: Partial<Record<string, Queue>> = {};

  constructor(scope: Construct, id: string, props: QueueTriggersProps) {
    super(scope, id);
    for (const trigger of props.triggers) {
      const consumer = props.functions[trigger.function];
      const dlq = new Queue(this, `${trigger.queue}-dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(dlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue.',
      });
      const timeout = consumer.function.timeout?.toSeconds() ?? 900;
      const queue = new Queue(this, trigger.queue, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // AWS's advice for Lambda consumers: six times the function timeout, so a retried
        // invocation never overlaps a message still being worked on.
        visibilityTimeout: Duration.seconds(Math.min(43_200, timeout * 6)),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: dlq, maxReceiveCount: trigger.maxReceiveCount },
      });
      this.queues[trigger.queue] = queue;
      this.deadLetterQueues[trigger.queue] = dlq;

      // What Lambda's event source mapping polls with (AWSLambdaSQSQueueExecutionRole): the
      // function itself never changes a message's visibility, so that is not granted
      consumer.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          resources: [queue.queueArn],
        }),
      );
      const mapping = new EventSourceMapping(this, `${trigger.queue}-mapping`, {
        target: consumer.function,
        eventSourceArn: queue.queueArn,
        batchSize: trigger.batchSize,
        maxConcurrency: trigger.maxConcurrency(props.config),
        reportBatchItemFailures: true,
      });
      dependOnGrants(mapping, consumer);

      const producer = props.functions[trigger.producer].function;
      producer.addToRolePolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      );
      producer.addEnvironment(URL_ENV[trigger.queue], queue.queueUrl);
    }
  }
}
