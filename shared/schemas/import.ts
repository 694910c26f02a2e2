import { z } from 'zod';
import { isoInstantSchema } from './common.ts';
import { errorIssueSchema } from './errors.ts';

/** Most reasons reported for one refused row (a row has 11 columns; the rest are dropped). */
export const MAX_ROW_ISSUES = 20;

/** One refused data row: its spreadsheet row (the header is row 1), the file line it starts on, why. */
export const rejectedRowSchema = z
  .object({
    row: z.int().min(2).describe('Spreadsheet row number: the header is row 1'),
    line: z.int().min(2).describe('Line of the file the row starts on (quoted cells may span lines)'),
    issues: z.array(errorIssueSchema).min(1).max(MAX_ROW_ISSUES),
  })
  .meta({ id: 'RejectedRow' });
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

/** Answer of `POST /v1/imports` (contract §9), also stored as the report of an S3 import. */
export const importReportSchema = z
  .object({
    importId: z
      .string()
      .length(26)
      .regex(/^IMP[0-9A-HJKMNP-TV-Z]{23}$/)
      .describe('Derived from the file content: the same file has the same id'),
    accepted: z.int().min(0).describe('Rows that are stored as feedback (now or by an earlier upload)'),
    created: z.int().min(0).describe('Accepted rows stored by this upload'),
    duplicates: z.int().min(0).describe('Accepted rows an earlier upload of the same file already stored'),
    rejected: z.array(rejectedRowSchema),
    rows: z.int().min(0).describe('Data rows read (accepted + rejected)'),
    fileSha256: z
      .string()
      .length(64)
      .regex(/^[0-9a-f]{64}$/),
    importedAt: isoInstantSchema,
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;

/** Answer of `POST /v1/imports/uploads`: where to PUT a large file and where its report appears. */
export const importUploadSchema = z
  .object({
    uploadUrl: z.url().max(8192).describe('Presigned S3 URL'),
    method: z.literal('PUT'),
    headers: z.object({ 'content-type': z.literal('text/csv') }),
    // S3 keys are at most 1,024 bytes.
    key: z.string().max(1024),
    reportKey: z.string().max(1024).describe('S3 key of the JSON report, written once the import ran'),
    expiresInSeconds: z.int(),
  })
  .meta({ id: 'ImportUpload' });
export type ImportUpload = z.infer<typeof importUploadSchema>;
