import type { ErrorCode, ErrorIssue } from '../schemas/errors.ts';

/**
 * An error the caller can act on. Its `code` is mapped to an HTTP status in one place
 * (`shared/http/error-response.ts`); anything that is not a DomainError is answered as a
 * generic 500 with no internal detail.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues;
  }
}

/** Raised when a record to read or change does not exist (or must not be revealed). */
export class NotFoundError extends DomainError {
  constructor(what = 'feedback') {
    super('not_found', `No ${what} was found.`);
  }
}
