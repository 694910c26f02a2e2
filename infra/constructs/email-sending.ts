import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailSendingProps {
  /** The verified sender address (or an address of a verified domain). */
  senderEmail: string;
}

/**
 * SES sending for the stack: a configuration set that suppresses addresses that bounced or
 * complained (no further mail goes to them) and tracks reputation, and a scoped grant that
 * lets a function send only from the configured sender through that set.
 */
export class EmailSending extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly #senderEmail: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.#senderEmail = props.senderEmail;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
  }

  /** Lets `fn` call SES v2 SendEmail from the sender address through the configuration set. */
  grantSend(fn: LambdaFunction): void {
    const stack = Stack.of(this);
    const domain = this.#senderEmail.split('@')[1] ?? this.#senderEmail;
    const identity = (name: string) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          identity(this.#senderEmail),
          identity(domain),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.#senderEmail } },
      }),
    );
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
  }
}
