import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { StackConfig } from '../../shared/config/stack-config.ts';
import type { FunctionDefinition, TableAction } from '../../shared/definitions/function-definitions.ts';
import type { EmailSending } from './email-sending.ts';

/** Table actions that change data: with a customer-managed key they need a data key too. */
const WRITES: ReadonlySet<TableAction> = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** A function with the two policies grants go to: its role's default policy, and the unscoped one. */
export interface GrantTarget {
  function: LambdaFunction;
  unscopedPolicy: Policy;
}

export interface FunctionGrantsProps {
  definition: FunctionDefinition;
  table: ITableV2;
  /** The table's customer-managed key, when there is one. */
  encryptionKey?: IKey | undefined;
  email: EmailSending;
  sentimentProvider: StackConfig['sentimentProvider'];
}

/**
 * Grants a function exactly what its definition declares: the table actions on the table, `Query`
 * on each declared index, KMS use of the table's key when it has one, SES sending, Comprehend.
 */
export function grantDeclaredAccess(target: GrantTarget, props: FunctionGrantsProps): void {
  const fn = target.function;
  const { table: grant } = props.definition;
  if (grant.actions.length) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: grant.actions.map((action) => `dynamodb:${action}`),
        resources: [props.table.tableArn],
      }),
    );
  }
  if (grant.indexes?.length) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: grant.indexes.map((index) => `${props.table.tableArn}/index/${index}`),
      }),
    );
  }
  if (props.encryptionKey && (grant.actions.length || grant.indexes?.length)) {
    const writes = grant.actions.some((action) => WRITES.has(action));
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:GenerateDataKey'] : [])],
        resources: [props.encryptionKey.keyArn],
      }),
    );
  }
  const permissions = props.definition.permissions ?? [];
  if (permissions.includes('sendEmail')) props.email.grantSend(fn);
  if (props.sentimentProvider === 'comprehend') {
    const actions = [
      ...(permissions.includes('detectSentiment') ? ['comprehend:BatchDetectSentiment'] : []),
      ...(permissions.includes('detectLanguage') ? ['comprehend:BatchDetectDominantLanguage'] : []),
    ];
    // Comprehend's real-time detection APIs have no resource-level permissions.
    if (actions.length)
      target.unscopedPolicy.addStatements(new PolicyStatement({ actions, resources: ['*'] }));
  }
}

/**
 * Lets the function's role (used by Lambda itself) send to a dead-letter queue or on-failure
 * destination: `sqs:SendMessage` only, which is all Lambda calls.
 */
export function grantSendToQueue(fn: LambdaFunction, queue: IQueue): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
}

/**
 * Makes `dependent` wait for the function's policies: Lambda checks the role's permissions when
 * an event source mapping or an on-failure destination is created.
 */
export function dependOnGrants(dependent: IConstruct, target: GrantTarget): void {
  const defaultPolicy = target.function.role?.node.tryFindChild('DefaultPolicy');
  if (defaultPolicy) dependent.node.addDependency(defaultPolicy);
  dependent.node.addDependency(target.unscopedPolicy);
}
