import { Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/runtime-config.ts';

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

  /**
   * Lets `fn` call SES v2 SendEmail through the configuration set, only as the configured sender
   * (`ses:FromAddress`). The identity resource is every identity in this account and region: SES
   * authorizes against the sender's identity and, in the sandbox, each recipient's identity too.
   */
  grantSend(fn: LambdaFunction): void {
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.#senderEmail } },
      }),
    );
    // cdk-nag names the finding with the region and account as the template has them.
    const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${literal(stack.partition, 'AWS::Partition')}:ses:${literal(stack.region, 'AWS::Region')}:${literal(stack.account, 'AWS::AccountId')}:identity/*]`,
      reason:
        'SES checks the sender identity and, in the sandbox, every recipient identity; the ses:FromAddress condition still limits sending to the configured sender.',
    });
    fn.addEnvironment(ENV.sesConfigurationSet, this.configurationSet.configurationSetName);
  }
}
