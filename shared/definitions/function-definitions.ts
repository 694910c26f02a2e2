/** AWS actions beyond the table a function may need; the stack turns each into a scoped grant. */
export type FunctionPermission =
  | 'detectSentiment'
  | 'sendEmail'
  | 'readStaffDirectory'
  /** Read `uploads/*` of the import bucket and write `reports/*` next to them. */
  | 'importBucketReadUploadsWriteReports'
  /** Presign PUTs to `uploads/*` of the import bucket. */
  | 'importBucketPresignUploads'
  /** End User Messaging SMS `SendTextMessage` from the configured origination identity. */
  | 'sendSms'
  /** `events:PutEvents` on the stack's own event bus. */
  | 'publishEvents';

/**
 * The Lambda functions, described once as data: the CDK stack builds one function per entry
 * and grants it exactly `access`; the local stack imports the same `entry` and calls `handler`.
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
  tableAccess: 'read' | 'readWrite';
  permissions?: readonly FunctionPermission[];
}

export const FUNCTIONS = {
  intake: {
    entry: 'functions/intake/handler.ts',
    handler: 'handler',
    description: 'Validates channel feedback and stores it with one conditional write',
    memoryMb: 512,
    timeoutSeconds: 10,
    tableAccess: 'readWrite',
  },
  feedbackQuery: {
    entry: 'functions/feedback-query/handler.ts',
    handler: 'handler',
    description: 'Staff reads: one feedback by id, or a filtered page through an index',
    memoryMb: 512,
    timeoutSeconds: 10,
    tableAccess: 'read',
  },
  tracking: {
    entry: 'functions/tracking/handler.ts',
    handler: 'handler',
    description: 'Public tracking view of one feedback, without personal data',
    memoryMb: 256,
    timeoutSeconds: 10,
    tableAccess: 'read',
  },
  publicForm: {
    entry: 'functions/public-form/handler.ts',
    handler: 'handler',
    description: 'Public feedback forms: HTML form and submission, without a key',
    memoryMb: 256,
    timeoutSeconds: 10,
    tableAccess: 'readWrite',
  },
  triage: {
    entry: 'functions/triage/handler.ts',
    handler: 'handler',
    description: 'Stream: language, sentiment, type, category, priority and deadlines for new feedback',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tableAccess: 'readWrite',
    permissions: ['detectSentiment'],
  },
  notify: {
    entry: 'functions/notify/handler.ts',
    handler: 'handler',
    description:
      'Stream: sends the emails and SMS a change makes due (P1 alerts, closure notices), each once',
    memoryMb: 512,
    timeoutSeconds: 30,
    tableAccess: 'readWrite',
    permissions: ['sendEmail', 'sendSms'],
  },
  feedbackActions: {
    entry: 'functions/feedback-actions/handler.ts',
    handler: 'handler',
    description:
      'Staff actions on one feedback (acknowledge, wait, resume, resolve, close, reopen, note, assign)',
    memoryMb: 512,
    timeoutSeconds: 10,
    tableAccess: 'readWrite',
    permissions: ['readStaffDirectory'],
  },
  survey: {
    entry: 'functions/survey/handler.ts',
    handler: 'handler',
    description: 'Public one-question CSAT survey: HTML form and answer',
    memoryMb: 256,
    timeoutSeconds: 10,
    tableAccess: 'readWrite',
  },
  escalationSweep: {
    entry: 'functions/escalation-sweep/handler.ts',
    handler: 'handler',
    description: 'Schedule: walks the escalation ladder for feedback whose next step is due',
    memoryMb: 512,
    timeoutSeconds: 300,
    tableAccess: 'readWrite',
    permissions: ['sendEmail'],
  },
  customerErasure: {
    entry: 'functions/customer-erasure/handler.ts',
    handler: 'handler',
    description: 'Staff: erases one customer’s personal data across all their feedback',
    memoryMb: 512,
    timeoutSeconds: 29,
    tableAccess: 'readWrite',
  },
  snapshots: {
    entry: 'functions/snapshots/handler.ts',
    handler: 'handler',
    description: 'Staff snapshot routes: list, read (JSON or CSV), recompute on demand',
    memoryMb: 1024,
    timeoutSeconds: 29,
    tableAccess: 'readWrite',
  },
  quarterlySnapshot: {
    entry: 'functions/quarterly-snapshot/handler.ts',
    handler: 'handler',
    description: 'Schedule: computes the quarter that just ended and emails its summary once',
    memoryMb: 1024,
    timeoutSeconds: 900,
    tableAccess: 'readWrite',
    permissions: ['sendEmail'],
  },
  complaintDigest: {
    entry: 'functions/complaint-digest/handler.ts',
    handler: 'handler',
    description:
      'Schedule: emails each team’s leads the complaints received since its previous digest, each once',
    memoryMb: 512,
    timeoutSeconds: 300,
    tableAccess: 'readWrite',
    permissions: ['sendEmail'],
  },
  sentimentRescore: {
    entry: 'functions/sentiment-rescore/handler.ts',
    handler: 'handler',
    description: 'Schedule: scores sentiment that was left pending while Comprehend was unavailable',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tableAccess: 'readWrite',
    permissions: ['detectSentiment'],
  },
  hotTopicCount: {
    entry: 'functions/hot-topic-count/handler.ts',
    handler: 'handler',
    description: 'Stream: counts each triaged complaint into hour and day buckets for the hot-topic scan',
    memoryMb: 512,
    timeoutSeconds: 60,
    tableAccess: 'readWrite',
  },
  hotTopicScan: {
    entry: 'functions/hot-topic-scan/handler.ts',
    handler: 'handler',
    description: 'Schedule: finds hot topics in the counters and reports each once per window',
    memoryMb: 512,
    timeoutSeconds: 120,
    tableAccess: 'readWrite',
    permissions: ['sendEmail'],
  },
  hotTopics: {
    entry: 'functions/hot-topics/handler.ts',
    handler: 'handler',
    description: 'Staff: lists hot-topic reports',
    memoryMb: 256,
    timeoutSeconds: 10,
    tableAccess: 'read',
  },
  problems: {
    entry: 'functions/problems/handler.ts',
    handler: 'handler',
    description:
      'Staff problem routes: create, link feedback, analyse, resolve (every linked open feedback), close',
    memoryMb: 512,
    timeoutSeconds: 29,
    tableAccess: 'readWrite',
  },
  imports: {
    entry: 'functions/imports/handler.ts',
    handler: 'handler',
    description: 'Channel CSV import (≤ 5 MB): one feedback per good row, idempotent per file and row',
    memoryMb: 1024,
    // API Gateway answers within 29 s; 5 MB of rows is written in well under that (npm run bench).
    timeoutSeconds: 29,
    // Needs: conditional PutItem of feedback items, PutItem of its audit item. No reads, no deletes.
    tableAccess: 'readWrite',
  },
  importUploads: {
    entry: 'functions/import-uploads/handler.ts',
    handler: 'handler',
    description: 'Channel: a presigned S3 upload URL for a CSV import larger than the API takes',
    memoryMb: 256,
    timeoutSeconds: 10,
    // Needs no table access at all; the iam reconciliation may drop this grant.
    tableAccess: 'read',
    permissions: ['importBucketPresignUploads'],
  },
  importFromS3: {
    entry: 'functions/import-from-s3/handler.ts',
    handler: 'handler',
    description: 'S3: imports an uploaded CSV of any size the same way, and stores its report next to it',
    memoryMb: 1024,
    timeoutSeconds: 900,
    // Needs: conditional PutItem of feedback items, PutItem of its audit item.
    tableAccess: 'readWrite',
    permissions: ['importBucketReadUploadsWriteReports'],
  },
  domainEvents: {
    entry: 'functions/domain-events/handler.ts',
    handler: 'handler',
    description: 'Stream: publishes each status change and computed snapshot to the event bus, each once',
    memoryMb: 512,
    timeoutSeconds: 60,
    // Needs: PutItem/UpdateItem/DeleteItem of its own EVENT# claim items only; no feedback reads.
    tableAccess: 'readWrite',
    permissions: ['publishEvents'],
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;
