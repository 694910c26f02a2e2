import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import {
  IMPORT_BUCKET_ENV,
  IMPORT_REPORT_PREFIX,
  IMPORT_UPLOAD_PREFIX,
} from '../../shared/adapters/s3-import-source.ts';

export interface FeedbackImportsProps {
  /** Issues presigned PUTs to `uploads/`. */
  presignFunction: LambdaFunction;
  /** Imports each new object under `uploads/` and writes its report under `reports/`. */
  importFunction: LambdaFunction;
}

/**
 * Large CSV imports: a private, encrypted, TLS-only bucket; channels PUT a file through a
 * presigned URL under `uploads/`, which triggers the import function; the report lands under
 * `reports/`. Uploads and reports expire after 30 days (the feedback itself is in the table).
 */
export class FeedbackImports extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: FeedbackImportsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { prefix: IMPORT_UPLOAD_PREFIX, expiration: Duration.days(30) },
        { prefix: IMPORT_REPORT_PREFIX, expiration: Duration.days(30) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Each import is recorded in the table (who, when, file hash, counts); object access logs would add no audit value.',
    });

    // Exact actions on one prefix each, not grantRead/grantPut's action wildcards.
    const objects = (prefix: string) => this.bucket.arnForObjects(`${prefix}*`);
    props.presignFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [objects(IMPORT_UPLOAD_PREFIX)] }),
    );
    props.presignFunction.addEnvironment(IMPORT_BUCKET_ENV, this.bucket.bucketName);
    props.importFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(IMPORT_UPLOAD_PREFIX)] }),
    );
    props.importFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [objects(IMPORT_REPORT_PREFIX)] }),
    );
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(props.importFunction), {
      prefix: IMPORT_UPLOAD_PREFIX,
    });
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const [fn, prefixes] of [
      [props.presignFunction, [IMPORT_UPLOAD_PREFIX]],
      [props.importFunction, [IMPORT_UPLOAD_PREFIX, IMPORT_REPORT_PREFIX]],
    ] as const) {
      for (const prefix of prefixes) {
        Validations.of(fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
          reason:
            'One exact action on the objects of one prefix of the import bucket (keys are generated per upload).',
        });
      }
    }
    // CDK's singleton that configures bucket notifications (runs at deploy time only).
    const notificationsHandler = Stack.of(this).node.tryFindChild(
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    );
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s deploy-time bucket-notification helper; the managed policy only lets it write its logs.',
      });
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'CDK’s deploy-time helper must call s3:PutBucketNotification on the bucket it configures.',
      });
    }
  }
}
