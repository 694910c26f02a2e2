import type { ZodType } from 'zod';
import { z } from 'zod';
import { MAX_IMPORT_BYTES } from '../domain/csv-import.ts';
import { hotTopicListSchema } from '../domain/hot-topics.ts';
import { erasureRequestSchema, erasureResultSchema } from '../domain/privacy.ts';
import {
  problemActionSchema,
  problemCreatedSchema,
  problemCreateSchema,
  problemLinkSchema,
  problemListSchema,
  problemSchema,
} from '../domain/problems.ts';
import { actionRequestSchema, surveyAnswerSchema } from '../domain/workflow.ts';
import {
  feedbackAcceptedSchema,
  feedbackInputSchema,
  idempotencyKeySchema,
} from '../schemas/feedback-input.ts';
import {
  feedbackListQuerySchema,
  feedbackPageSchema,
  feedbackRecordSchema,
  trackingViewSchema,
} from '../schemas/feedback-record.ts';
import { importReportSchema, importUploadSchema } from '../schemas/import.ts';
import { accessTokenSchema, feedbackIdSchema, periodSchema } from '../schemas/params.ts';
import { publicFormSubmissionSchema } from '../schemas/public-form.ts';
import { snapshotFormatQuerySchema, snapshotListSchema, snapshotSchema } from '../schemas/snapshot.ts';
import { staffProfileSchema } from '../schemas/staff-profile.ts';
import type { FunctionName } from './function-definitions.ts';

/** Who may call a route: a channel integration's API key, a staff identity, or anyone. */
export type RouteAuth = 'channel' | 'staff' | 'public';

export type HttpMethod = 'GET' | 'POST';

/** One HTTP route: the API Gateway method, the local server's route and the OpenAPI operation. */
export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  function: FunctionName;
  auth: RouteAuth;
  operationId: string;
  summary: string;
  pathParams?: ZodType;
  query?: ZodType;
  headers?: ZodType;
  body?: ZodType;
  /** Media type of the body; `application/json` when absent. */
  bodyContentType?: string;
  /**
   * `publicForm`: a public write without a key, throttled at the gateway by the configured
   * `publicFormThrottle` (API Gateway method throttling; a token bucket locally).
   */
  throttle?: 'publicForm';
  /** A second request media type the route takes besides JSON (the survey's HTML form). */
  formBody?: ZodType;
  /** Success responses by status; `alternatives` are other media types of the same answer. */
  responses: Record<
    number,
    {
      description: string;
      schema?: ZodType;
      contentType?: string;
      alternatives?: Record<string, ZodType>;
      headers?: Record<string, { description: string; schema: ZodType }>;
    }
  >;
  /**
   * Every refusal status the route can answer, each with the error body (the generic list for
   * its `auth` when absent). The fuzz test holds the routes to exactly these.
   */
  errors?: readonly number[];
  /** Media types refusals come in besides JSON (a form post is answered with an HTML page). */
  errorAlternatives?: Record<string, ZodType>;
}

const idParam = z.object({ id: feedbackIdSchema });
const tokenParam = z.object({
  trackingToken: accessTokenSchema.meta({
    description:
      'Token from the intake answer: `<feedback id>.<192-bit secret>` (a malformed one answers 404)',
  }),
});
const periodParam = z.object({ period: periodSchema });
const surveyParam = z.object({
  surveyToken: accessTokenSchema.meta({
    description:
      'Token from the closure notice: `<feedback id>.<192-bit secret>` (a malformed one answers 404)',
  }),
});
const problemIdParam = z.object({
  id: feedbackIdSchema.meta({ description: 'Problem id (26 characters, Crockford base 32)' }),
});
const formParam = z.object({
  formId: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]{1,40}$/)
    .meta({ description: 'A configured public form, e.g. feedback (lower-case letters, digits, "-")' }),
});
const formAccepted = z
  .object({ id: feedbackIdSchema, trackingToken: accessTokenSchema, trackingUrl: z.string().max(2048) })
  .meta({ id: 'PublicFormAccepted' });
const surveyRecorded = z
  .object({ status: z.literal('recorded'), csat: z.int().min(1).max(5), reopened: z.boolean() })
  .meta({ id: 'SurveyRecorded' });
/** The survey as the HTML form posts it (`application/x-www-form-urlencoded`). */
const surveyForm = z
  .object({
    csat: z.enum(['1', '2', '3', '4', '5']),
    comment: z.string().max(2000).optional(),
  })
  .meta({ id: 'SurveyAnswerForm' });
/** The public form as its HTML page posts it (`application/x-www-form-urlencoded`). */
const publicFormPost = z
  .object({
    text: z.string().max(5000),
    csat: z.enum(['1', '2', '3', '4', '5']).optional(),
    email: z.string().max(254).optional(),
    consent: z.enum(['on', 'true']).optional(),
    anonymous: z.enum(['on', 'true']).optional(),
    nonce: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]*$/)
      .optional(),
    website: z.string().max(0).optional().meta({ description: 'Honeypot: left empty by people' }),
  })
  .meta({ id: 'PublicFormPost' });
/** A page the server renders (the survey form, its thank-you and error pages). */
const htmlPage = z.string().max(65_536).meta({ description: 'An HTML page' });
const snapshotCsvSchema = z
  .string()
  .max(1_048_576)
  .meta({ description: 'The snapshot as `section,key,value` rows (RFC 4180)' });

export const ROUTES: readonly RouteDefinition[] = [
  {
    method: 'POST',
    path: '/v1/feedback',
    function: 'intake',
    auth: 'channel',
    operationId: 'submitFeedback',
    summary: 'Submit one piece of customer feedback from a channel integration',
    headers: z.object({ 'Idempotency-Key': idempotencyKeySchema.optional() }),
    body: feedbackInputSchema,
    responses: {
      201: {
        description: 'Accepted and stored (or the stored answer to an earlier identical request)',
        schema: feedbackAcceptedSchema,
        headers: {
          'idempotent-replayed': {
            description: '`true` when this answers a retry of an earlier identical request',
            schema: z.enum(['true']).optional(),
          },
        },
      },
    },
    errors: [400, 403, 413, 415, 422, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/imports',
    function: 'imports',
    auth: 'channel',
    operationId: 'importFeedback',
    summary:
      'Import a comment book or call log as CSV (text/csv, UTF-8, header row; columns text, channel, language, ' +
      'receivedOn, customerEmail, customerPhone, consent, csat, nps, anonymous, reference). One feedback per good ' +
      'row, idempotent per file and row; bad rows are reported. Up to 5 MB (413 above).',
    body: z.string().max(MAX_IMPORT_BYTES).meta({ description: 'The CSV file (UTF-8, up to 5 MB)' }),
    bodyContentType: 'text/csv',
    responses: {
      201: {
        description: 'Imported: the counts and each refused row with its reasons',
        schema: importReportSchema,
      },
    },
    errors: [400, 403, 413, 415, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/imports/uploads',
    function: 'importUploads',
    auth: 'channel',
    operationId: 'requestImportUpload',
    summary:
      'Deployed stack only (404 locally): a presigned S3 PUT for a CSV larger than 5 MB. The upload is imported ' +
      'like POST /v1/imports and its report is stored at reportKey in the same bucket.',
    responses: { 201: { description: 'Where to upload', schema: importUploadSchema } },
    errors: [403, 404, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/feedback',
    function: 'feedbackQuery',
    auth: 'staff',
    operationId: 'listFeedback',
    summary:
      'List feedback, newest first, optionally filtered by status, priority, channel, team or assignee (`me`); an agent or lead sees only their teams',
    query: feedbackListQuerySchema,
    responses: { 200: { description: 'One page of feedback', schema: feedbackPageSchema } },
    errors: [400, 401, 403, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/feedback/{id}',
    function: 'feedbackQuery',
    auth: 'staff',
    operationId: 'getFeedback',
    summary: 'Read one feedback with its triage, deadlines and history',
    pathParams: idParam,
    responses: { 200: { description: 'The feedback', schema: feedbackRecordSchema } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/feedback/{id}/actions',
    function: 'feedbackActions',
    auth: 'staff',
    operationId: 'actOnFeedback',
    summary:
      'Apply a staff action: acknowledge, wait_for_customer, resume, resolve (needs resolution), close, reopen, note, ' +
      'assign (team and/or assignee; an agent only to themselves, a lead within their teams). ' +
      '409 when the status does not allow it or the feedback changed meanwhile.',
    pathParams: idParam,
    body: actionRequestSchema,
    responses: { 200: { description: 'The feedback after the action', schema: feedbackRecordSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/customers/erasure',
    function: 'customerErasure',
    auth: 'staff',
    operationId: 'eraseCustomer',
    summary: 'Erase one customer’s personal data across all their feedback (recorded in each history)',
    body: erasureRequestSchema,
    responses: { 200: { description: 'What was erased', schema: erasureResultSchema } },
    errors: [400, 401, 403, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/snapshots',
    function: 'snapshots',
    auth: 'staff',
    operationId: 'listSnapshots',
    summary: 'Stored quarterly snapshots, oldest first (headline figures)',
    responses: { 200: { description: 'Snapshots', schema: snapshotListSchema } },
    errors: [401, 403, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/snapshots/{period}',
    function: 'snapshots',
    auth: 'staff',
    operationId: 'getSnapshot',
    summary: 'One quarterly snapshot; `?format=csv` (or Accept: text/csv) for a spreadsheet export',
    pathParams: periodParam,
    query: snapshotFormatQuerySchema,
    responses: {
      200: {
        description: 'The snapshot (CSV with `?format=csv` or `Accept: text/csv`)',
        schema: snapshotSchema,
        alternatives: { 'text/csv': snapshotCsvSchema },
      },
    },
    errors: [400, 401, 403, 404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/snapshots/{period}',
    function: 'snapshots',
    auth: 'staff',
    operationId: 'recomputeSnapshot',
    summary: 'Recompute a quarter now (no summary email); header snapshot-changed says whether figures moved',
    pathParams: periodParam,
    responses: {
      200: {
        description: 'The recomputed snapshot',
        schema: snapshotSchema,
        headers: {
          'snapshot-changed': {
            description: '`true` when the figures differ from the stored ones (and were stored)',
            schema: z.enum(['true', 'false']),
          },
        },
      },
    },
    errors: [400, 401, 403, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/survey/{surveyToken}',
    function: 'survey',
    auth: 'public',
    operationId: 'surveyForm',
    summary: 'The one-question CSAT survey as an HTML form, in the feedback’s language',
    pathParams: surveyParam,
    responses: { 200: { description: 'HTML form', contentType: 'text/html', schema: htmlPage } },
    errors: [404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/survey/{surveyToken}',
    function: 'survey',
    auth: 'public',
    operationId: 'answerSurvey',
    summary: 'Answer the survey once (JSON or the HTML form); a CSAT of 1 or 2 reopens the feedback',
    pathParams: surveyParam,
    body: surveyAnswerSchema,
    formBody: surveyForm,
    responses: {
      201: {
        description: 'Answer recorded (JSON for a JSON body, a thank-you page for the form)',
        schema: surveyRecorded,
        alternatives: { 'text/html': htmlPage },
      },
    },
    errors: [400, 404, 409, 413, 415, 429, 500],
    errorAlternatives: { 'text/html': htmlPage },
  },
  {
    method: 'GET',
    path: '/v1/track/{trackingToken}',
    function: 'tracking',
    auth: 'public',
    operationId: 'trackFeedback',
    summary:
      'Public progress of one feedback, for the customer who holds the token; an HTML page when Accept prefers text/html',
    pathParams: tokenParam,
    responses: { 200: { description: 'Status, dates and public updates', schema: trackingViewSchema } },
    errors: [404, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/me',
    function: 'staffProfile',
    auth: 'staff',
    operationId: 'getStaffProfile',
    summary:
      'The caller: id, role, teams and the staff routes the role may use (the console shows only those)',
    responses: { 200: { description: 'The caller', schema: staffProfileSchema } },
    errors: [401, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/hot-topics',
    function: 'hotTopics',
    auth: 'staff',
    operationId: 'listHotTopics',
    summary: 'Hot-topic reports, newest window first (contract §10; lead, analyst, admin)',
    responses: { 200: { description: 'Reports', schema: hotTopicListSchema } },
    errors: [401, 403, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/problems',
    function: 'problems',
    auth: 'staff',
    operationId: 'createProblem',
    summary:
      'Open a problem, optionally linking feedback or a hot topic’s feedback (409 if one belongs to another problem)',
    body: problemCreateSchema,
    responses: { 201: { description: 'Created', schema: problemCreatedSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/problems',
    function: 'problems',
    auth: 'staff',
    operationId: 'listProblems',
    summary: 'Problems, newest first',
    responses: { 200: { description: 'Problems', schema: problemListSchema } },
    errors: [401, 403, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/problems/{id}',
    function: 'problems',
    auth: 'staff',
    operationId: 'getProblem',
    summary: 'One problem with its linked feedback ids, root cause and history',
    pathParams: problemIdParam,
    responses: { 200: { description: 'The problem', schema: problemSchema } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/problems/{id}/links',
    function: 'problems',
    auth: 'staff',
    operationId: 'linkProblemFeedback',
    summary: 'Link more feedback to a problem (409 if one belongs to another problem, 404 if unknown)',
    pathParams: problemIdParam,
    body: problemLinkSchema,
    responses: { 200: { description: 'The problem', schema: problemSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/problems/{id}/actions',
    function: 'problems',
    auth: 'staff',
    operationId: 'actOnProblem',
    summary:
      'analyse (root cause), resolve (resolves every linked open feedback, each notified once; 409 the second time) or close',
    pathParams: problemIdParam,
    body: problemActionSchema,
    responses: { 200: { description: 'The problem after the action', schema: problemSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/forms/{formId}',
    function: 'publicForm',
    auth: 'public',
    operationId: 'publicFormPage',
    summary: 'A public feedback form (HTML), in the form’s language or the browser’s',
    pathParams: formParam,
    responses: { 200: { description: 'HTML form', contentType: 'text/html', schema: htmlPage } },
    errors: [404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/forms/{formId}',
    function: 'publicForm',
    auth: 'public',
    operationId: 'submitPublicForm',
    summary:
      'Submit a public form (form-encoded from the page, or JSON with the same names); throttled per route',
    pathParams: formParam,
    body: publicFormSubmissionSchema,
    formBody: publicFormPost,
    throttle: 'publicForm',
    responses: {
      201: {
        description: 'Stored: a thank-you page with the tracking link (HTML) or the ids (JSON)',
        schema: formAccepted,
        alternatives: { 'text/html': htmlPage },
      },
    },
    // A form post's refusals (400, 413) come back as the form page with the errors marked.
    errors: [400, 404, 413, 415, 429, 500],
    errorAlternatives: { 'text/html': htmlPage },
  },
];
