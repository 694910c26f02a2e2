import { isoInstantSchema } from './common.ts';
import { errorIssueSchema } from './errors.ts';
import * as z from './zod.ts';

/** Most reasons reported for one refused row (a row has 11 columns; the rest are dropped). */
export const MAX_ROW_ISSUES = 20;

/** One refused data row: its spreadsheet row (the header is row 1), the file line it starts on, why. */
export const rejectedRowSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      row: z.withDescription(z.int().check(z.gte(2)), 'Spreadsheet row number: the header is row 1'),
      line: z.withDescription(
        z.int().check(z.gte(2)),
        'Line of the file the row starts on (quoted cells may span lines)',
      ),
      issues: z.array(errorIssueSchema).check(z.minLength(1), z.maxLength(MAX_ROW_ISSUES)),
    }),
    { id: 'RejectedRow' },
  ),
);
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

/** Answer of `POST /v1/imports` (contract §9), also stored as the report of an S3 import. */
export const importReportSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      importId: z.withDescription(
        z.string().check(z.length(26), z.regex(/^IMP[0-9A-HJKMNP-TV-Z]{23}$/)),
        'Derived from the file content: the same file has the same id',
      ),
      accepted: z.withDescription(
        z.int().check(z.gte(0)),
        'Rows that are stored as feedback (now or by an earlier upload)',
      ),
      created: z.withDescription(z.int().check(z.gte(0)), 'Accepted rows stored by this upload'),
      duplicates: z.withDescription(
        z.int().check(z.gte(0)),
        'Accepted rows an earlier upload of the same file already stored',
      ),
      rejected: z.array(rejectedRowSchema),
      rows: z.withDescription(z.int().check(z.gte(0)), 'Data rows read (accepted + rejected)'),
      fileSha256: z.string().check(z.length(64), z.regex(/^[0-9a-f]{64}$/)),
      importedAt: isoInstantSchema,
    }),
    { id: 'ImportReport' },
  ),
);
export type ImportReport = z.infer<typeof importReportSchema>;

/** Answer of `POST /v1/imports/uploads`: where to PUT a large file and where its report appears. */
export const importUploadSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      uploadUrl: z.withDescription(z.url().check(z.maxLength(8192)), 'Presigned S3 URL'),
      method: z.literal('PUT'),
      headers: z.object({ 'content-type': z.literal('text/csv') }),
      // S3 keys are at most 1,024 bytes.
      key: z.string().check(z.maxLength(1024)),
      reportKey: z.withDescription(
        z.string().check(z.maxLength(1024)),
        'S3 key of the JSON report, written once the import ran',
      ),
      expiresInSeconds: z.int(),
    }),
    { id: 'ImportUpload' },
  ),
);
export type ImportUpload = z.infer<typeof importUploadSchema>;
