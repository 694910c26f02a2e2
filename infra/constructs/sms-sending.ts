import { Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface SmsSendingProps {
  /**
   * The origination identity (phone number, sender id, pool: its id or ARN). When it is an ARN
   * the grant names it; otherwise the grant covers the account's identities in this region.
   */
  originationIdentity?: string | undefined;
  configurationSetName?: string | undefined;
}

/**
 * SMS through AWS End User Messaging SMS: a grant for `sms-voice:SendTextMessage` only. The
 * origination identity, its registration and leaving the sandbox are account steps (README).
 */
export class SmsSending extends Construct {
  readonly #props: SmsSendingProps;

  constructor(scope: Construct, id: string, props: SmsSendingProps) {
    super(scope, id);
    this.#props = props;
  }

  /** Lets `fn` call SendTextMessage from the configured identity. */
  grantSend(fn: LambdaFunction): void {
    const stack = Stack.of(this);
    const identity = this.#props.originationIdentity;
    const arn = (resource: string) => stack.formatArn({ service: 'sms-voice', resource, resourceName: '*' });
    const resources = identity?.startsWith('arn:')
      ? [identity]
      : [arn('phone-number'), arn('sender-id'), arn('pool')];
    if (this.#props.configurationSetName) {
      resources.push(
        stack.formatArn({
          service: 'sms-voice',
          resource: 'configuration-set',
          resourceName: this.#props.configurationSetName,
        }),
      );
    }
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources }));
    if (!identity?.startsWith('arn:')) {
      const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
      const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
      const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
      for (const type of ['phone-number', 'sender-id', 'pool']) {
        Validations.of(fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:${partition}:sms-voice:${region}:${account}:${type}/*]`,
          reason:
            'SendTextMessage from this account’s own origination identities; set smsOriginationIdentity to an ARN to name exactly one.',
        });
      }
    }
  }
}
