import type { FeedbackIndexName } from './table-definition.ts';

/**
 * DynamoDB operations a function may call on the feedback table (IAM action names without the
 * `dynamodb:` prefix). A `TransactWriteItems` call is authorized per item, so a function that
 * sends one declares the action of each item kind it writes (`PutItem`, `UpdateItem`,
 * `DeleteItem`, `ConditionCheckItem`).
 */
export type TableAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheckItem'
  | 'Query'
  | 'BatchGetItem'
  | 'BatchWriteItem';

/**
 * What a function does with the feedback table: `actions` on the table itself (`Query` there
 * means a query of the base table) and `Query` on each index in `indexes`. The stack grants
 * exactly this; the IAM proof test checks it against the calls the function was seen to make.
 */
export interface TableGrant {
  actions: readonly TableAction[];
  indexes?: readonly FeedbackIndexName[];
}

/**
 * AWS actions beyond the table a function may need; the stack turns each into a scoped grant.
 * `detectSentiment` / `detectLanguage` are granted only when `sentimentProvider` is `comprehend`;
 * `readStaffDirectory` is read access to the staff user pool (granted by `StaffRoles`).
 */
export type FunctionPermission =
  | 'detectSentiment'
  | 'detectLanguage'
  | 'sendEmail'
  | 'readStaffDirectory'
  /** Read `uploads/*` of the import bucket and write `reports/*` next to them. */
  | 'importBucketReadUploadsWriteReports'
  /** Presign PUTs to `uploads/*` of the import bucket. */
  | 'importBucketPresignUploads'
  /** End User Messaging SMS `SendTextMessage` from the configured origination identity. */
  | 'sendSms'
  /** `events:PutEvents` on the stack's own event bus. */
  | 'publishEvents'
  /** `sqs:SendMessage` on the campaign send queue (the queue's consumer is wired by its construct). */
  | 'enqueueCampaignSends'
  /** Read `inbound/*` of the inbound-mail bucket (messages the SES receipt rule stored). */
  | 'inboundMailRead'
  /** Read, write and remove `snapshot-runs/*` of the checkpoint bucket (a snapshot over several runs). */
  | 'snapshotCheckpoints';

/**
 * The Lambda functions, described once as data: the CDK stack builds one function per entry
 * and grants it exactly `table` and `permissions`; the local stack imports the same `entry`
 * and calls `handler`.
 */
export interface FunctionDefinition {
  /** Path from the repository root to the handler module. */
  entry: string;
  /** Exported handler name in that module. */
  handler: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Least-privilege access to the feedback table. */
  table: TableGrant;
  permissions?: readonly FunctionPermission[];
  /**
   * Granted IAM actions no test run reaches, each with why it is kept (e.g.
   * `{ 'dynamodb:DeleteItem': 'only on …, which needs …' }`). The IAM proof test fails on any
   * other granted action that no recorded call uses.
   */
  unreachedInTests?: Readonly<Record<string, string>>;
  /**
   * V8 heap limits the function runs with, set through `NODE_OPTIONS`. Only for functions whose
   * garbage grows with their input: with Node's default sizing V8 lets it pile up before collecting.
   */
  heapLimits?: HeapLimits;
  /**
   * The configuration key that sets this function's memory, when a deployment may need more
   * than `memoryMb` (its default): what the function holds grows with the data it counts.
   */
  memoryConfigKey?: 'snapshotMemoryMb';
}

/** V8 heap limits in MB: the old generation and each of the young generation's semi-spaces. */
export interface HeapLimits {
  maxOldSpaceMb: number;
  maxSemiSpaceMb: number;
}

/**
 * Imports: a 64 MB cap on both generations kept peak RSS within 10 % from a 1 MB to a 5 MB file, but
 * would also cap the `rejected` list a file of bad rows builds. 512 MB of old space (half of the
 * 1024 MB function) keeps that room and, with 4 MB semi-spaces, the growth within 10 %
 * (`npm run bench:import`); the live heap is ~21 MB for either size.
 */
const IMPORT_HEAP_LIMITS: HeapLimits = { maxOldSpaceMb: 512, maxSemiSpaceMb: 4 };

/** The V8 flags for `heapLimits`, as `NODE_OPTIONS` and `node` take them (none when unset). */
export function heapFlags(limits: HeapLimits | undefined): string[] {
  return limits
    ? [`--max-old-space-size=${limits.maxOldSpaceMb}`, `--max-semi-space-size=${limits.maxSemiSpaceMb}`]
    : [];
}

export const FUNCTIONS = {
  intake: {
    entry: 'functions/intake/handler.ts',
    handler: 'handler',
    description: 'Validates channel feedback and stores it with one conditional write',
    memoryMb: 512,
    timeoutSeconds: 10,
    table: { actions: ['PutItem'] },
  },
  feedbackQuery: {
    entry: 'functions/feedback-query/handler.ts',
    handler: 'handler',
    description: 'Staff reads: one feedback by id, or a filtered page through an index',
    memoryMb: 512,
    timeoutSeconds: 10,
    table: {
      actions: ['Query'],
      indexes: ['byStatus', 'byPriority', 'byChannel', 'byMonth', 'byDeadline', 'byTeam', 'byAssignee'],
    },
  },
  tracking: {
    entry: 'functions/tracking/handler.ts',
    handler: 'handler',
    description: 'Public tracking view of one feedback, without personal data',
    memoryMb: 256,
    timeoutSeconds: 10,
    table: { actions: ['Query'] },
  },
  publicForm: {
    entry: 'functions/public-form/handler.ts',
    handler: 'handler',
    description: 'Public feedback forms: HTML form and submission, without a key',
    memoryMb: 256,
    timeoutSeconds: 10,
    // Like intake: one conditional put (a replay reads the existing item from the failed condition).
    table: { actions: ['PutItem'] },
  },
  triage: {
    entry: 'functions/triage/handler.ts',
    handler: 'handler',
    description: 'Stream: language, sentiment, type, category, priority and deadlines for new feedback',
    memoryMb: 1024,
    timeoutSeconds: 120,
    table: { actions: ['UpdateItem', 'PutItem'], indexes: ['byCustomer'] },
    permissions: ['detectSentiment', 'detectLanguage'],
  },
  notify: {
    entry: 'functions/notify/handler.ts',
    handler: 'handler',
    description:
      'Stream: sends the emails and SMS a change makes due (P1 alerts, closure notices), each once',
    memoryMb: 512,
    timeoutSeconds: 30,
    table: { actions: ['UpdateItem', 'Query'] },
    permissions: ['sendEmail', 'sendSms'],
    unreachedInTests: {
      'sms-voice:SendTextMessage':
        'granted on phone numbers, sender ids and pools alike: which kind the origination identity is, only the deployed account knows',
    },
  },
  feedbackActions: {
    entry: 'functions/feedback-actions/handler.ts',
    handler: 'handler',
    description:
      'Staff actions on one feedback (acknowledge, wait, resume, resolve, close, reopen, note, assign)',
    memoryMb: 512,
    timeoutSeconds: 10,
    table: { actions: ['Query', 'UpdateItem', 'PutItem'] },
    permissions: ['readStaffDirectory'],
    unreachedInTests: {
      'cognito-idp:AdminListGroupsForUser':
        "a staff member's teams come from the user pool only when deployed; the local stack serves a static directory",
    },
  },
  survey: {
    entry: 'functions/survey/handler.ts',
    handler: 'handler',
    description: 'Public one-question CSAT survey: HTML form and answer',
    memoryMb: 256,
    timeoutSeconds: 10,
    table: { actions: ['GetItem', 'UpdateItem', 'PutItem'] },
  },
  escalationSweep: {
    entry: 'functions/escalation-sweep/handler.ts',
    handler: 'handler',
    description: 'Schedule: walks the escalation ladder for feedback whose next step is due',
    memoryMb: 512,
    timeoutSeconds: 300,
    table: { actions: ['GetItem', 'UpdateItem', 'PutItem'], indexes: ['byEscalation'] },
    permissions: ['sendEmail'],
  },
  customerErasure: {
    entry: 'functions/customer-erasure/handler.ts',
    handler: 'handler',
    description: 'Staff: erases one customer’s personal data across all their feedback',
    memoryMb: 512,
    timeoutSeconds: 29,
    // Query of the base table and DeleteItem: the customer's campaign recipient pointers and mark.
    table: { actions: ['GetItem', 'UpdateItem', 'PutItem', 'Query', 'DeleteItem'], indexes: ['byCustomer'] },
  },
  dataRetention: {
    entry: 'functions/data-retention/handler.ts',
    handler: 'handler',
    description:
      'Schedule: erases the personal data of feedback past personalDataRetentionDays (records expire by TTL)',
    memoryMb: 1024,
    timeoutSeconds: 900,
    // Reads the month index like a snapshot; erases like POST /v1/customers/erasure; keeps its mark;
    // Query of the base table: the campaigns and each old campaign's partition.
    table: { actions: ['GetItem', 'UpdateItem', 'PutItem', 'Query'], indexes: ['byMonth'] },
  },
  snapshots: {
    entry: 'functions/snapshots/handler.ts',
    handler: 'handler',
    description: 'Staff snapshot routes: list, read (JSON or CSV), recompute on demand',
    memoryMb: 1024,
    timeoutSeconds: 29,
    // PutItem and the base-table Query: the plans a recomputed quarter checks (contract §8).
    // byResponseMonth: the period's campaign answers (csat.bySource.campaign).
    table: {
      actions: ['GetItem', 'UpdateItem', 'PutItem', 'Query'],
      indexes: ['byMonth', 'byResponseMonth'],
    },
  },
  quarterlySnapshot: {
    entry: 'functions/quarterly-snapshot/handler.ts',
    handler: 'handler',
    description:
      'Schedules: computes the quarter (checks its plans; summary and owner reminders emailed once), month or ISO week that just ended',
    // The accumulator holds ~150–220 bytes per item counted (`npm run bench:checkpoint`); from
    // 1,769 MB a function has a whole vCPU, so the read goes faster too. 3,008 MB is the most
    // a new account may set; `snapshotMemoryMb` raises it for larger quarters (README, Limits).
    memoryMb: 3008,
    memoryConfigKey: 'snapshotMemoryMb',
    timeoutSeconds: 900,
    // PutItem and the base-table Query: checking the quarter's plans and claiming owner reminders.
    table: {
      actions: ['GetItem', 'UpdateItem', 'PutItem', 'Query'],
      indexes: ['byMonth', 'byResponseMonth'],
    },
    // A period too large for one run pauses and goes on in the next (Step Functions loop).
    permissions: ['sendEmail', 'snapshotCheckpoints'],
    unreachedInTests: {
      's3:ListBucket':
        'only so that S3 answers a checkpoint that is gone with NoSuchKey rather than AccessDenied; no run lists',
    },
  },
  complaintDigest: {
    entry: 'functions/complaint-digest/handler.ts',
    handler: 'handler',
    description:
      'Schedule: emails each team’s leads the complaints received since its previous digest, each once',
    memoryMb: 512,
    timeoutSeconds: 300,
    table: { actions: ['UpdateItem'], indexes: ['byDigest'] },
    permissions: ['sendEmail'],
  },
  sentimentRescore: {
    entry: 'functions/sentiment-rescore/handler.ts',
    handler: 'handler',
    description: 'Schedule: scores sentiment that was left pending while Comprehend was unavailable',
    memoryMb: 1024,
    timeoutSeconds: 120,
    table: { actions: ['UpdateItem', 'PutItem'], indexes: ['byPending'] },
    permissions: ['detectSentiment'],
  },
  hotTopicCount: {
    entry: 'functions/hot-topic-count/handler.ts',
    handler: 'handler',
    description: 'Stream: counts each triaged complaint into hour and day buckets for the hot-topic scan',
    memoryMb: 512,
    timeoutSeconds: 60,
    // One TransactWriteItems per complaint: the conditional marker Put and the counter Updates.
    table: { actions: ['BatchGetItem', 'PutItem', 'UpdateItem'] },
  },
  hotTopicScan: {
    entry: 'functions/hot-topic-scan/handler.ts',
    handler: 'handler',
    description: 'Schedule: finds hot topics in the counters and reports each once per window',
    memoryMb: 512,
    timeoutSeconds: 120,
    // Query: the counter partitions; GetItem: the reported feedback's teams; the claim is one
    // TransactWriteItems (report Put, topic-claim Updates); a failed send deletes the claims.
    table: { actions: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] },
    permissions: ['sendEmail'],
    unreachedInTests: {
      'dynamodb:DeleteItem':
        'releases the report and its topic claims when the report email fails; the local SES capture never refuses a send',
    },
  },
  hotTopics: {
    entry: 'functions/hot-topics/handler.ts',
    handler: 'handler',
    description: 'Staff: lists hot-topic reports',
    memoryMb: 256,
    timeoutSeconds: 10,
    table: { actions: ['Query'] },
  },
  staffProfile: {
    entry: 'functions/staff-profile/handler.ts',
    handler: 'handler',
    description: 'Staff: who the caller is and the routes their role may use (the console hides the rest)',
    memoryMb: 256,
    timeoutSeconds: 10,
    // Answers from the authorizer's claims and the access policy: no AWS call.
    table: { actions: [] },
  },
  problems: {
    entry: 'functions/problems/handler.ts',
    handler: 'handler',
    description:
      'Staff problem routes: create, link feedback, analyse, resolve (every linked open feedback), close',
    memoryMb: 512,
    timeoutSeconds: 29,
    // Problems: Put/Get/Query in their partition; feedback: Get and the versioned Update.
    table: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'] },
  },
  plans: {
    entry: 'functions/plans/handler.ts',
    handler: 'handler',
    description: 'Staff improvement-plan routes (PDCA): create, list, read with its metric’s trend, act',
    memoryMb: 512,
    timeoutSeconds: 10,
    // Plans: Put (new, versioned save), Get, Query of their partition; Get of a problem; Query of
    // the snapshot partition for the trend.
    table: { actions: ['GetItem', 'PutItem', 'Query'] },
  },
  publicBoard: {
    entry: 'functions/public-board/handler.ts',
    handler: 'handler',
    description: 'Public “you said, we did” board: public plans and last quarter’s resolved complaints',
    memoryMb: 256,
    timeoutSeconds: 10,
    // One Query of the plan partition and one Get of last quarter's snapshot; nothing else.
    table: { actions: ['GetItem', 'Query'] },
  },
  imports: {
    entry: 'functions/imports/handler.ts',
    handler: 'handler',
    description: 'Channel CSV import (≤ 5 MB): one feedback per good row, idempotent per file and row',
    memoryMb: 1024,
    // API Gateway answers within 29 s. Parsing, validating and batching 5 MB takes ~2.5 s (bench:import,
    // in process); the writes are 25 concurrent conditional puts a batch, bound by the table: DynamoDB
    // Local here took 60 s for 5 MB (598 rows/s), so larger files belong on POST /v1/imports/uploads.
    timeoutSeconds: 29,
    // Needs: conditional PutItem of feedback items, PutItem of its audit item. No reads, no deletes.
    table: { actions: ['PutItem'] },
    heapLimits: IMPORT_HEAP_LIMITS,
  },
  importUploads: {
    entry: 'functions/import-uploads/handler.ts',
    handler: 'handler',
    description: 'Channel: a presigned S3 upload URL for a CSV import larger than the API takes',
    memoryMb: 256,
    timeoutSeconds: 10,
    // No table access at all: it only signs an upload URL.
    table: { actions: [] },
    permissions: ['importBucketPresignUploads'],
    unreachedInTests: {
      's3:PutObject': 'signs the presigned upload URL the caller PUTs to; presigning sends no AWS call',
    },
  },
  importFromS3: {
    entry: 'functions/import-from-s3/handler.ts',
    handler: 'handler',
    description: 'S3: imports an uploaded CSV of any size the same way, and stores its report next to it',
    memoryMb: 1024,
    timeoutSeconds: 900,
    // Needs: conditional PutItem of feedback items, PutItem of its audit item.
    table: { actions: ['PutItem'] },
    heapLimits: IMPORT_HEAP_LIMITS,
    permissions: ['importBucketReadUploadsWriteReports'],
    unreachedInTests: {
      'dynamodb:PutItem':
        'S3-triggered, and the local stack has no S3: test/unit/handlers/imports-s3.test.ts runs it with a mocked client',
      's3:GetObject':
        'S3-triggered, and the local stack has no S3: test/unit/handlers/imports-s3.test.ts runs it with a mocked client',
      's3:PutObject':
        'S3-triggered, and the local stack has no S3: test/unit/handlers/imports-s3.test.ts runs it with a mocked client',
      'kms:Decrypt':
        'S3-triggered, and the local stack has no S3: test/unit/handlers/imports-s3.test.ts runs it with a mocked client',
      'kms:DescribeKey':
        'S3-triggered, and the local stack has no S3: test/unit/handlers/imports-s3.test.ts runs it with a mocked client',
      'kms:GenerateDataKey':
        'S3-triggered, and the local stack has no S3: test/unit/handlers/imports-s3.test.ts runs it with a mocked client',
    },
  },
  domainEvents: {
    entry: 'functions/domain-events/handler.ts',
    handler: 'handler',
    description: 'Stream: publishes each status change and computed snapshot to the event bus, each once',
    memoryMb: 512,
    timeoutSeconds: 60,
    // Needs: PutItem/UpdateItem/DeleteItem of its own EVENT# claim items only; no feedback reads.
    table: { actions: ['PutItem', 'UpdateItem', 'DeleteItem'] },
    permissions: ['publishEvents'],
    unreachedInTests: {
      'dynamodb:DeleteItem':
        'releases its claim when a publish fails; the local event capture never refuses one',
    },
  },
  campaigns: {
    entry: 'functions/campaigns/handler.ts',
    handler: 'handler',
    description:
      'Staff survey routes: questionnaires, campaigns (audience selection), results, responses CSV, call list and phone answers',
    memoryMb: 1024,
    timeoutSeconds: 29,
    // Questionnaires, campaigns and their partitions: Put/Get/Query; the audience: Query of
    // byMonth and BatchGet of "surveyed" marks; recipients and marks: PutItem each; a phone
    // answer: one TransactWriteItems (recipient Update, response Put).
    table: {
      actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem'],
      indexes: ['byMonth'],
    },
  },
  campaignAnswer: {
    entry: 'functions/campaign-answer/handler.ts',
    handler: 'handler',
    description: 'Public campaign questionnaire: HTML page and answer, once per invitation',
    memoryMb: 256,
    timeoutSeconds: 10,
    // Recipient, campaign and questionnaire Gets; the answer is one TransactWriteItems.
    table: { actions: ['GetItem', 'UpdateItem', 'PutItem'] },
  },
  campaignDispatch: {
    entry: 'functions/campaign-dispatch/handler.ts',
    handler: 'handler',
    description: 'Schedule: fans the due campaign invitations and reminders out to the send queue',
    memoryMb: 512,
    timeoutSeconds: 300,
    table: { actions: ['Query'] },
    permissions: ['enqueueCampaignSends'],
  },
  campaignSend: {
    entry: 'functions/campaign-send/handler.ts',
    handler: 'handler',
    description: 'Queue: sends campaign invitations and reminders within the SES rate, each exactly once',
    memoryMb: 512,
    // A message of campaignSendBatchSize recipients at rate/concurrency (validated under 600 s).
    timeoutSeconds: 900,
    // Gets of campaign, questionnaire, recipient; its EVENT# claims (Put, Update, Delete on failure).
    table: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] },
    permissions: ['sendEmail', 'sendSms'],
    unreachedInTests: {
      'dynamodb:DeleteItem':
        'releases a send claim when the send fails; the local SES and SMS captures never refuse one',
      'sms-voice:SendTextMessage':
        'granted on phone numbers, sender ids and pools alike: which kind the origination identity is, only the deployed account knows',
    },
  },
  inboundEmail: {
    entry: 'functions/inbound-email/handler.ts',
    handler: 'handler',
    description:
      'S3: turns each email the SES receipt rule stored into feedback; auto-replies, bounces and empty mail are skipped',
    memoryMb: 512,
    timeoutSeconds: 60,
    // Needs: the intake's conditional PutItem of the feedback item, nothing else of the table.
    table: { actions: ['PutItem'] },
    permissions: ['inboundMailRead'],
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;

/** A function's declared permissions (none when its definition lists none). */
export function permissionsOf(definition: FunctionDefinition): readonly FunctionPermission[] {
  return definition.permissions ?? [];
}

/** The memory a function is deployed with: its configuration key's value, else its `memoryMb`. */
export function memoryOf(
  definition: FunctionDefinition,
  config: Readonly<Partial<Record<NonNullable<FunctionDefinition['memoryConfigKey']>, number>>>,
): number {
  return (definition.memoryConfigKey && config[definition.memoryConfigKey]) || definition.memoryMb;
}
