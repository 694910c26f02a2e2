import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  SNAPSHOT_CHECKPOINT_PREFIX,
  SNAPSHOT_RUNS_BUCKET_ENV,
} from '../../shared/adapters/s3-snapshot-checkpoints.ts';

export interface SnapshotCheckpointBucketProps {
  /** The functions that checkpoint a snapshot between runs (permission `snapshotCheckpoints`). */
  functions: readonly LambdaFunction[];
}

/**
 * Where a snapshot too large for one Lambda run keeps its counts between runs: a private,
 * encrypted, TLS-only bucket. A checkpoint lives minutes (the next run reads it, the last
 * removes it); one left by a computation that failed for good expires after 7 days.
 */
export class SnapshotCheckpointBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: SnapshotCheckpointBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: [{ prefix: SNAPSHOT_CHECKPOINT_PREFIX, expiration: Duration.days(7) }],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds working state between runs of one computation only (counts, never feedback text); access logs would add no audit value.',
    });
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const fn of props.functions) {
      // Exact actions on one prefix, not grantReadWrite's action wildcards.
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [this.bucket.arnForObjects(`${SNAPSHOT_CHECKPOINT_PREFIX}*`)],
        }),
      );
      // Without ListBucket, S3 answers a checkpoint that is gone with AccessDenied, not NoSuchKey.
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
      );
      fn.addEnvironment(SNAPSHOT_RUNS_BUCKET_ENV, this.bucket.bucketName);
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${SNAPSHOT_CHECKPOINT_PREFIX}*]`,
        reason:
          'Read, write and remove checkpoints under one prefix of this bucket (keys are per period and instant).',
      });
    }
  }
}
