import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  functions: Record<string, LambdaFunction>;
  deadLetterQueues: Partial<Record<string, Queue>>;
  api: RestApi;
  /** The function whose failures mean escalations are not going out. */
  escalationSweep: LambdaFunction;
  /** Step Functions loops whose failed or timed-out executions mean a computation did not finish. */
  loops?: Partial<Record<string, StateMachine>>;
  /** Who is told when an alarm fires (an SNS email subscription); none when absent. */
  alarmEmail?: string | undefined;
}

/**
 * The alarms an operator needs, all publishing to one encrypted SNS topic: anything in a
 * dead-letter queue, function errors and throttles, API 5xx answers, failed escalation sweeps,
 * run-until-done loops that failed or timed out,
 * and an SES bounce rate that puts sending at risk.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    // A customer-managed key: the AWS managed SNS key's policy does not let CloudWatch use it,
    // so alarms could not publish to the encrypted topic.
    const account = Stack.of(this).account;
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': account } };
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Service Feedback Stack alarm topic',
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: fromThisAccount,
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Service Feedback Stack alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccount,
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      if (!queue) continue;
      alarm(
        `${name}-dlq`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        1,
        `Records or invocations of ${name} were given up on: inspect and redrive the dead-letter queue`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}-errors`, fn.metricErrors({ period: Duration.minutes(5) }), 1, `${name} failed`);
      alarm(
        `${name}-throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        1,
        `${name} was throttled`,
      );
    }
    for (const [name, loop] of Object.entries(props.loops ?? {})) {
      if (!loop) continue;
      const period = Duration.hours(1);
      alarm(
        `${name}-runs-failed`,
        loop.metricFailed({ period }),
        1,
        `${name} gave up before its work was done`,
      );
      alarm(
        `${name}-runs-timed-out`,
        loop.metricTimedOut({ period }),
        1,
        `${name} ran out of time before its work was done`,
      );
    }
    alarm('api-5xx', props.api.metricServerError({ period: Duration.minutes(5) }), 1, 'The API answered 5xx');
    alarm(
      'escalation-sweep-failures',
      props.escalationSweep.metricErrors({ period: Duration.minutes(15) }),
      1,
      'The escalation sweep failed: warnings and breach notices may not be going out',
    );
    alarm(
      'ses-bounce-rate',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        period: Duration.hours(1),
        statistic: 'Maximum',
      }),
      0.05,
      'SES bounce rate at 5 %: sending may be paused by SES at 10 %',
    );
  }
}
