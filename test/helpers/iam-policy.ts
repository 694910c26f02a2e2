import type { RecordedAwsCall } from '../../shared/adapters/aws-clients.ts';

/** A CloudFormation template as JSON. */
export interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** One request IAM evaluates: an action on a resource, with the condition keys it carries. */
export interface IamRequest {
  action: string;
  resource: string;
  context?: Record<string, string>;
  /** What made the request: a recorded call, or what Lambda itself does with the role. */
  because: string;
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy statement with its intrinsic functions resolved to plain strings. */
export interface ResolvedStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  conditions: Record<string, Record<string, string[]>>;
  /** The policy resource it came from. */
  policy: string;
}

/** Pseudo-parameters and the fake physical names ARNs are built from. */
export interface ResolveEnv {
  region: string;
  account: string;
}

const arnByType: Record<string, (env: ResolveEnv, id: string) => string> = {
  'AWS::DynamoDB::GlobalTable': (e, id) => `arn:aws:dynamodb:${e.region}:${e.account}:table/${id}`,
  'AWS::DynamoDB::Table': (e, id) => `arn:aws:dynamodb:${e.region}:${e.account}:table/${id}`,
  'AWS::SQS::Queue': (e, id) => `arn:aws:sqs:${e.region}:${e.account}:${id}`,
  'AWS::KMS::Key': (e, id) => `arn:aws:kms:${e.region}:${e.account}:key/${id}`,
  'AWS::Lambda::Function': (e, id) => `arn:aws:lambda:${e.region}:${e.account}:function:${id}`,
  'AWS::SNS::Topic': (e, id) => `arn:aws:sns:${e.region}:${e.account}:${id}`,
  'AWS::S3::Bucket': (_e, id) => `arn:aws:s3:::${id}`,
  'AWS::Events::EventBus': (e, id) => `arn:aws:events:${e.region}:${e.account}:event-bus/${id}`,
  'AWS::Cognito::UserPool': (e, id) =>
    `arn:aws:cognito-idp:${e.region}:${e.account}:userpool/${e.region}_${id}`,
};

/** Resolves the intrinsic functions CDK writes into policies (Ref, Fn::GetAtt, Fn::Join). */
export function resolveValue(template: TemplateJson, env: ResolveEnv, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [fn, arg] = Object.entries(value)[0] ?? [];
    if (fn === 'Ref') {
      const pseudo: Record<string, string> = {
        'AWS::Partition': 'aws',
        'AWS::Region': env.region,
        'AWS::AccountId': env.account,
        'AWS::URLSuffix': 'amazonaws.com',
      };
      const name = arg as string;
      if (pseudo[name]) return pseudo[name];
      const type = template.Resources[name]?.Type;
      if (type === 'AWS::SNS::Topic') return arnByType[type]?.(env, name) ?? name;
      // A Ref to anything else (a configuration set, a role) is its physical name: the logical id.
      return name;
    }
    if (fn === 'Fn::GetAtt') {
      const [id, attribute] = arg as [string, string];
      const type = template.Resources[id]?.Type ?? '';
      if (attribute === 'StreamArn') return `${arnByType[type]?.(env, id)}/stream/2026-01-01T00:00:00.000`;
      const arn = arnByType[type];
      if (attribute === 'Arn' && arn) return arn(env, id);
      throw new Error(`cannot resolve Fn::GetAtt ${id}.${attribute} (${type})`);
    }
    if (fn === 'Fn::Join') {
      const [separator, parts] = arg as [string, unknown[]];
      return parts.map((part) => resolveValue(template, env, part)).join(separator);
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every statement of every inline policy attached to `roleId`, resolved. */
export function roleStatements(template: TemplateJson, env: ResolveEnv, roleId: string): ResolvedStatement[] {
  const statements: ResolvedStatement[] = [];
  for (const [policyId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((role) => role.Ref === roleId)) continue;
    const document = resource.Properties?.PolicyDocument as { Statement: Statement[] };
    for (const statement of document.Statement) {
      statements.push({
        effect: statement.Effect,
        actions: toArray(statement.Action),
        resources: toArray(statement.Resource as unknown).map((r) => resolveValue(template, env, r)),
        conditions: Object.fromEntries(
          Object.entries(statement.Condition ?? {}).map(([operator, keys]) => [
            operator,
            Object.fromEntries(Object.entries(keys).map(([key, v]) => [key, toArray(v)])),
          ]),
        ),
        policy: policyId,
      });
    }
  }
  return statements;
}

function glob(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function conditionsHold(
  conditions: ResolvedStatement['conditions'],
  context: Record<string, string>,
): boolean {
  return Object.entries(conditions).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => {
      const actual = context[key];
      if (actual === undefined) return false;
      if (operator === 'StringEquals') return values.includes(actual);
      if (operator === 'StringLike') return values.some((v) => glob(v, actual));
      // An operator this evaluator does not know is treated as not satisfied: fail, never pass.
      return false;
    }),
  );
}

/** True when some Allow statement covers the request and no Deny does. */
export function isAllowed(statements: readonly ResolvedStatement[], request: IamRequest): boolean {
  const matches = (s: ResolvedStatement) =>
    s.actions.some((a) => glob(a, request.action, true)) &&
    s.resources.some((r) => glob(r, request.resource)) &&
    conditionsHold(s.conditions, request.context ?? {});
  return (
    statements.some((s) => s.effect === 'Allow' && matches(s)) &&
    !statements.some((s) => s.effect === 'Deny' && matches(s))
  );
}

/** The resources a recorded call's requests are made on, by kind. */
export interface CallResources {
  /** The template's ARN of the table the recorded table name stands for. */
  tableArn: (recordedName: string) => string;
  /** The table's customer-managed key, when it has one. */
  keyArn?: string | undefined;
  /** The ARN of the stack's SES configuration set. */
  configurationSetArn: string;
  sesIdentityArn: (identity: string) => string;
  /** The ARN of the staff user pool (the deployed staff directory). */
  staffUserPoolArn: string;
  /** The ARN of the import bucket (large CSV imports). */
  importBucketArn: string;
  /** The ARN of the inbound-mail bucket (keys under `inbound/`, stored by the SES receipt rule). */
  inboundMailBucketArn: string;
  /** The ARN of the snapshot checkpoint bucket (keys under `snapshot-runs/`). */
  snapshotRunsBucketArn: string;
  /** The ARN of the stack's event bus (domain events). */
  eventBusArn: string;
  /** The account's region and id, for ARNs the template does not define (SMS identities). */
  region: string;
  account: string;
  /** The survey campaign send queue (the only queue a function sends to itself). */
  campaignQueueArn: string;
}

/** IAM actions of DynamoDB item operations as named inside a transaction or batch write. */
const ITEM_OPERATIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  PutRequest: 'dynamodb:BatchWriteItem',
  DeleteRequest: 'dynamodb:BatchWriteItem',
  Get: 'dynamodb:BatchGetItem',
};

const DYNAMODB_WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

/**
 * The IAM requests one recorded call makes: written down per service from the IAM reference
 * (DynamoDB item and query actions on the table or index ARN, transactions per item, KMS use of
 * a customer-managed table key, SES SendEmail on every identity it authorizes against and the
 * configuration set with `ses:FromAddress`, Comprehend detection on `*`, Cognito admin reads on
 * the staff user pool).
 */
export function requestsOf(call: RecordedAwsCall, resources: CallResources): IamRequest[] {
  const because = `${call.service}:${call.command}${call.index ? ` on ${call.index}` : ''}`;
  if (call.service === 'dynamodb') {
    const requests: IamRequest[] = [];
    if (call.items) {
      for (const item of call.items) {
        const action = ITEM_OPERATIONS[item.operation];
        if (!action) throw new Error(`unknown DynamoDB item operation ${item.operation}`);
        requests.push({ action, resource: resources.tableArn(item.table), because });
      }
    } else {
      const table = resources.tableArn(call.table ?? '');
      requests.push({
        action: `dynamodb:${call.command}`,
        resource: call.index ? `${table}/index/${call.index}` : table,
        because,
      });
    }
    if (resources.keyArn) {
      const kms = [
        'kms:Decrypt',
        'kms:DescribeKey',
        ...(DYNAMODB_WRITES.has(call.command) ? ['kms:GenerateDataKey'] : []),
      ];
      for (const action of kms) requests.push({ action, resource: resources.keyArn, because });
    }
    return requests;
  }
  if (call.service === 'ses') {
    if (call.command !== 'SendEmail') throw new Error(`unmapped SES command ${call.command}`);
    const from = call.from ?? '';
    const context = { 'ses:FromAddress': from };
    const identities = [from, from.split('@')[1] ?? from, ...(call.recipientDomains ?? [])];
    return [
      ...identities.map((identity) => ({
        action: 'ses:SendEmail',
        resource: resources.sesIdentityArn(identity),
        context,
        because: `${because} (identity ${identity})`,
      })),
      ...(call.configurationSet
        ? [{ action: 'ses:SendEmail', resource: resources.configurationSetArn, context, because }]
        : []),
    ];
  }
  if (call.service === 'comprehend') {
    return [{ action: `comprehend:${call.command}`, resource: '*', because }];
  }
  if (call.service === 'cognito-idp') {
    // Cognito's admin reads (AdminListGroupsForUser…) are authorized on the user pool.
    return [{ action: `cognito-idp:${call.command}`, resource: resources.staffUserPoolArn, because }];
  }
  if (call.service === 's3') {
    const key = call.key ?? '';
    const bucket = key.startsWith('inbound/')
      ? resources.inboundMailBucketArn
      : key.startsWith('snapshot-runs/')
        ? resources.snapshotRunsBucketArn
        : resources.importBucketArn;
    return [{ action: `s3:${call.command}`, resource: `${bucket}/${key}`, because }];
  }
  if (call.service === 'events') {
    if (call.command !== 'PutEvents') throw new Error(`unmapped EventBridge command ${call.command}`);
    // Entries without a bus name go to the account's default bus, which is not the stack's.
    return (call.eventBus ?? 'default').split(',').map((bus) => ({
      action: 'events:PutEvents',
      resource:
        bus === 'default'
          ? `arn:aws:events:${resources.region}:${resources.account}:event-bus/default`
          : resources.eventBusArn,
      because,
    }));
  }
  if (call.service === 'sqs') {
    // SendMessageBatch is authorized as sqs:SendMessage on the queue.
    if (call.command !== 'SendMessageBatch') throw new Error(`unmapped SQS command ${call.command}`);
    return [{ action: 'sqs:SendMessage', resource: resources.campaignQueueArn, because }];
  }
  if (call.service === 'sms-voice') {
    // SendTextMessage is authorized on the origination identity: an ARN, a phone number or a sender id.
    const identity = call.originationIdentity ?? '';
    const arn = (kind: string, name: string) =>
      `arn:aws:sms-voice:${resources.region}:${resources.account}:${kind}/${name}`;
    const resource = identity.startsWith('arn:')
      ? identity
      : identity.startsWith('+')
        ? arn('phone-number', identity)
        : arn(identity ? 'sender-id' : 'phone-number', identity || 'chosen-by-the-service');
    return [{ action: `sms-voice:${call.command}`, resource, because }];
  }
  throw new Error(`unmapped service ${String(call.service)}`);
}
