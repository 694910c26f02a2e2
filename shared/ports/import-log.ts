/** One import run, kept for audit: who imported which file when, and what came of it. */
export interface ImportAuditEntry {
  importId: string;
  fileSha256: string;
  bytes: number;
  /** `channel:<integration id>` for the API, `s3:<key>` for an S3 upload. */
  actor: string;
  source: 'api' | 's3';
  at: string;
  rows: number;
  created: number;
  duplicates: number;
  rejected: number;
}

/** Where import runs are recorded (no personal data: counts and the file's hash only). */
export interface ImportLog {
  record(entry: ImportAuditEntry): Promise<void>;
}
