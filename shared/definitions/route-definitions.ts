import type { ZodType } from 'zod';
import { z } from 'zod';
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
import { snapshotListSchema, snapshotSchema } from '../schemas/snapshot.ts';
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
  /** Success responses by status; errors are documented for every route from the error schema. */
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
}

const idParam = z.object({ id: z.string().meta({ description: 'Feedback id' }) });
const tokenParam = z.object({
  trackingToken: z.string().meta({ description: 'Token from the intake answer' }),
});
const periodParam = z.object({ period: z.string().meta({ description: 'A quarter, e.g. 2026-Q4' }) });
const surveyParam = z.object({
  surveyToken: z.string().meta({ description: 'Token from the closure notice' }),
});
const problemIdParam = z.object({ id: z.string().meta({ description: 'Problem id' }) });
const surveyRecorded = z
  .object({ status: z.literal('recorded'), csat: z.int(), reopened: z.boolean() })
  .meta({ id: 'SurveyRecorded' });

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
      },
    },
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
    body: z.string().meta({ description: 'The CSV file' }),
    bodyContentType: 'text/csv',
    responses: {
      201: {
        description: 'Imported: the counts and each refused row with its reasons',
        schema: importReportSchema,
      },
    },
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
  },
  {
    method: 'GET',
    path: '/v1/snapshots',
    function: 'snapshots',
    auth: 'staff',
    operationId: 'listSnapshots',
    summary: 'Stored quarterly snapshots, oldest first (headline figures)',
    responses: { 200: { description: 'Snapshots', schema: snapshotListSchema } },
  },
  {
    method: 'GET',
    path: '/v1/snapshots/{period}',
    function: 'snapshots',
    auth: 'staff',
    operationId: 'getSnapshot',
    summary: 'One quarterly snapshot; `?format=csv` (or Accept: text/csv) for a spreadsheet export',
    pathParams: periodParam,
    query: z.object({ format: z.enum(['json', 'csv']).optional() }),
    responses: { 200: { description: 'The snapshot', schema: snapshotSchema } },
  },
  {
    method: 'POST',
    path: '/v1/snapshots/{period}',
    function: 'snapshots',
    auth: 'staff',
    operationId: 'recomputeSnapshot',
    summary: 'Recompute a quarter now (no summary email); header snapshot-changed says whether figures moved',
    pathParams: periodParam,
    responses: { 200: { description: 'The recomputed snapshot', schema: snapshotSchema } },
  },
  {
    method: 'GET',
    path: '/v1/survey/{surveyToken}',
    function: 'survey',
    auth: 'public',
    operationId: 'surveyForm',
    summary: 'The one-question CSAT survey as an HTML form, in the feedback’s language',
    pathParams: surveyParam,
    responses: { 200: { description: 'HTML form', contentType: 'text/html', schema: z.string() } },
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
    responses: { 201: { description: 'Answer recorded', schema: surveyRecorded } },
  },
  {
    method: 'GET',
    path: '/v1/track/{trackingToken}',
    function: 'tracking',
    auth: 'public',
    operationId: 'trackFeedback',
    summary: 'Public progress of one feedback, for the customer who holds the token',
    pathParams: tokenParam,
    responses: { 200: { description: 'Status, dates and public updates', schema: trackingViewSchema } },
  },
  {
    method: 'GET',
    path: '/v1/hot-topics',
    function: 'hotTopics',
    auth: 'staff',
    operationId: 'listHotTopics',
    summary: 'Hot-topic reports, newest window first (contract §10; lead, analyst, admin)',
    responses: { 200: { description: 'Reports', schema: hotTopicListSchema } },
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
  },
  {
    method: 'GET',
    path: '/v1/problems',
    function: 'problems',
    auth: 'staff',
    operationId: 'listProblems',
    summary: 'Problems, newest first',
    responses: { 200: { description: 'Problems', schema: problemListSchema } },
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
  },
];
