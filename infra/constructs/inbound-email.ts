import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { S3 as StoreInS3 } from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { INBOUND_EMAIL_PREFIX } from '../../shared/adapters/s3-inbound-email.ts';

/** Stored messages expire after this many days: the feedback itself is in the table. */
export const INBOUND_EMAIL_EXPIRY_DAYS = 30;

export interface InboundEmailProps {
  /** Turns each stored message into feedback (S3 `ObjectCreated` under `inbound/`). */
  function: LambdaFunction;
  /** The configured `inboundEmailAddress`; without one there is no receipt rule. */
  address: string | undefined;
}

/**
 * Inbound email: an SES receipt rule set with one rule for the configured address that stores
 * each message (spam- and virus-scanned) under `inbound/` in a private, encrypted, TLS-only
 * bucket whose objects expire; each new object triggers the inbound-email function, which may
 * read `inbound/*` and nothing else. SES needs the rule set made active once (README).
 */
export class InboundEmail extends Construct {
  readonly bucket: Bucket;
  readonly ruleSet: ReceiptRuleSet | undefined;

  constructor(scope: Construct, id: string, props: InboundEmailProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(INBOUND_EMAIL_EXPIRY_DAYS) }],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only SES writes here and only the inbound-email function reads; each message becomes a feedback with its own history, so access logs would add no audit value.',
    });

    const objects = this.bucket.arnForObjects(`${INBOUND_EMAIL_PREFIX}*`);
    props.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(props.function), {
      prefix: INBOUND_EMAIL_PREFIX,
    });
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(props.function).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${INBOUND_EMAIL_PREFIX}*]`,
      reason:
        'One exact action (GetObject) on the objects of one prefix; SES names each message object itself.',
    });

    if (props.address) {
      this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
        // The S3 action adds the bucket policy that lets SES (this account only) put the message.
        rules: [
          {
            recipients: [props.address],
            scanEnabled: true,
            actions: [new StoreInS3({ bucket: this.bucket, objectKeyPrefix: INBOUND_EMAIL_PREFIX })],
          },
        ],
      });
    }
  }
}
