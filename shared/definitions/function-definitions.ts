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
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;
