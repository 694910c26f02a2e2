import {
  campaignIdSchema,
  campaignInputSchema,
  campaignResultsSchema,
  campaignSchema,
  inviteTokenSchema,
} from '../domain/campaigns.ts';
import { MAX_IMPORT_BYTES } from '../domain/csv-import.ts';
import { hotTopicListSchema } from '../domain/hot-topics.ts';
import {
  boardSchema,
  planActionSchema,
  planCreatedSchema,
  planCreateSchema,
  planListSchema,
  planSchema,
} from '../domain/plans.ts';
import { erasureRequestSchema, erasureResultSchema } from '../domain/privacy.ts';
import {
  problemActionSchema,
  problemCreatedSchema,
  problemCreateSchema,
  problemLinkSchema,
  problemListSchema,
  problemSchema,
} from '../domain/problems.ts';
import { answersBodySchema, questionnaireInputSchema, questionnaireSchema } from '../domain/questionnaire.ts';
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
import * as z from '../schemas/zod.ts';
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
  pathParams?: z.ZodMiniType;
  query?: z.ZodMiniType;
  headers?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** Media type of the body; `application/json` when absent. */
  bodyContentType?: string;
  /**
   * `publicForm`: a public write without a key, throttled at the gateway by the configured
   * `publicFormThrottle` (API Gateway method throttling; a token bucket locally).
   */
  throttle?: 'publicForm';
  /** A second request media type the route takes besides JSON (the survey's HTML form). */
  formBody?: z.ZodMiniType;
  /** Success responses by status; `alternatives` are other media types of the same answer. */
  responses: Record<
    number,
    {
      description: string;
      schema?: z.ZodMiniType;
      contentType?: string;
      alternatives?: Record<string, z.ZodMiniType>;
      headers?: Record<string, { description: string; schema: z.ZodMiniType }>;
    }
  >;
  /**
   * Every refusal status the route can answer, each with the error body (the generic list for
   * its `auth` when absent). The fuzz test holds the routes to exactly these.
   */
  errors?: readonly number[];
  /** Media types refusals come in besides JSON (a form post is answered with an HTML page). */
  errorAlternatives?: Record<string, z.ZodMiniType>;
  /**
   * A public read the API Gateway stage cache may answer (when `publicCacheTtlSeconds` > 0),
   * keyed by these request headers and query parameters as well as the path.
   */
  cache?: { headers: readonly string[]; query: readonly string[] };
}

const idParam = z.object({ id: feedbackIdSchema });
const tokenParam = z.object({
  trackingToken: z.withMeta(accessTokenSchema, {
    description:
      'Token from the intake answer: `<feedback id>.<192-bit secret>` (a malformed one answers 404)',
  }),
});
const periodParam = z.object({ period: periodSchema });
const surveyParam = z.object({
  surveyToken: z.withMeta(accessTokenSchema, {
    description:
      'Token from the closure notice: `<feedback id>.<192-bit secret>` (a malformed one answers 404)',
  }),
});
const problemIdParam = z.object({
  id: z.withMeta(feedbackIdSchema, { description: 'Problem id (26 characters, Crockford base 32)' }),
});
const formParam = z.object({
  formId: z.withMeta(z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[a-z0-9-]{1,40}$/)), {
    description: 'A configured public form, e.g. feedback (lower-case letters, digits, "-")',
  }),
});
const formAccepted = z.withMeta(
  z.object({
    id: feedbackIdSchema,
    trackingToken: accessTokenSchema,
    trackingUrl: z.string().check(z.maxLength(2048)),
  }),
  { id: 'PublicFormAccepted' },
);
const surveyRecorded = z.withMeta(
  z.object({ status: z.literal('recorded'), csat: z.int().check(z.gte(1), z.lte(5)), reopened: z.boolean() }),
  { id: 'SurveyRecorded' },
);
/** The survey as the HTML form posts it (`application/x-www-form-urlencoded`). */
const surveyForm = z.withMeta(
  z.object({
    csat: z.enum(['1', '2', '3', '4', '5']),
    comment: z.optional(z.string().check(z.maxLength(2000))),
  }),
  { id: 'SurveyAnswerForm' },
);
/** The public form as its HTML page posts it (`application/x-www-form-urlencoded`). */
const publicFormPost = z.withMeta(
  z.object({
    text: z.string().check(z.maxLength(5000)),
    csat: z.optional(z.enum(['1', '2', '3', '4', '5'])),
    email: z.optional(z.string().check(z.maxLength(254))),
    consent: z.optional(z.enum(['on', 'true'])),
    anonymous: z.optional(z.enum(['on', 'true'])),
    nonce: z.optional(z.string().check(z.maxLength(64), z.regex(/^[A-Za-z0-9_-]*$/))),
    website: z.withMeta(z.optional(z.string().check(z.maxLength(0))), {
      description: 'Honeypot: left empty by people',
    }),
  }),
  { id: 'PublicFormPost' },
);
/** A page the server renders (the survey form, its thank-you and error pages). */
const htmlPage = z.withMeta(z.string().check(z.maxLength(65_536)), { description: 'An HTML page' });
const planIdParam = z.object({
  id: z.withMeta(feedbackIdSchema, { description: 'Plan id (26 characters, Crockford base 32)' }),
});
const planWithTrend = z.withMeta(
  z.extend(planSchema, {
    trend: z.withDescription(
      z
        .array(z.object({ period: z.string().check(z.maxLength(7)), value: z.nullable(z.number()) }))
        .check(z.maxLength(400)),
      'The plan’s metric in its scope in every stored snapshot, oldest first',
    ),
  }),
  { id: 'PlanWithTrend' },
);
const boardQuery = z.object({
  lang: z.withDescription(
    z.optional(z.string().check(z.maxLength(16))),
    'Page language for a browser: zh-CN, zh-TW or en (else Accept-Language decides)',
  ),
});
const snapshotCsvSchema = z.withMeta(z.string().check(z.maxLength(1_048_576)), {
  description: 'The snapshot as `section,key,value` rows (RFC 4180)',
});

const questionnaireIdParam = z.object({
  id: z.withMeta(campaignIdSchema, { description: 'Questionnaire id (26 characters, Crockford base 32)' }),
});
const campaignIdParam = z.object({
  id: z.withMeta(campaignIdSchema, { description: 'Campaign id (26 characters, Crockford base 32)' }),
});
const callParams = z.object({
  id: z.withMeta(campaignIdSchema, { description: 'Campaign id (26 characters, Crockford base 32)' }),
  recipientId: z.withMeta(campaignIdSchema, { description: 'A recipient on the campaign’s call list' }),
});
const inviteParam = z.object({
  inviteToken: z.withMeta(inviteTokenSchema, {
    description:
      'Token from the invitation: `<campaign id>.<recipient id>.<192-bit secret>` (a malformed one answers 404)',
  }),
});
const createdId = z.withMeta(z.object({ id: z.string().check(z.maxLength(26)) }), { id: 'Created' });
const campaignCreated = z.withMeta(
  z.object({ id: z.string().check(z.maxLength(26)), recipients: z.int().check(z.gte(1)) }),
  { id: 'CampaignCreated' },
);
const campaignList = z.withMeta(z.object({ items: z.array(campaignSchema).check(z.maxLength(100)) }), {
  id: 'CampaignList',
});
const answerRecorded = z.withMeta(
  z.object({
    status: z.literal('recorded'),
    responseId: z.string().check(z.maxLength(26)),
    channel: z.optional(z.enum(['email', 'sms', 'phone'])),
  }),
  { id: 'CampaignAnswerRecorded' },
);
const callList = z.withMeta(
  z.object({
    campaignId: z.string().check(z.maxLength(26)),
    questionnaire: questionnaireSchema,
    items: z
      .array(
        z.object({
          recipientId: z.string().check(z.maxLength(26)),
          phone: z.string().check(z.maxLength(16)),
          language: z.enum(['en', 'zh', 'zh-TW']),
          invitedAt: z.nullable(z.string().check(z.maxLength(30))),
          answeredAt: z.nullable(z.string().check(z.maxLength(30))),
        }),
      )
      .check(z.maxLength(100_000)),
  }),
  { id: 'CallList' },
);
/** A questionnaire as its HTML page posts it: one field per question, named by the question id. */
const questionnaireForm = z.withMeta(
  z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(2000))),
  { id: 'CampaignAnswerForm', description: 'One field per question, named by its id' },
);
const responsesCsvSchema = z.withMeta(z.string().check(z.maxLength(10_485_760)), {
  description:
    'One row per response: responseId, answeredAt, channel, language, then one column per question (RFC 4180; no personal data)',
});
export const ROUTES: readonly RouteDefinition[] = [
  {
    method: 'POST',
    path: '/v1/feedback',
    function: 'intake',
    auth: 'channel',
    operationId: 'submitFeedback',
    summary: 'Submit one piece of customer feedback from a channel integration',
    headers: z.object({ 'Idempotency-Key': z.optional(idempotencyKeySchema) }),
    body: feedbackInputSchema,
    responses: {
      201: {
        description: 'Accepted and stored (or the stored answer to an earlier identical request)',
        schema: feedbackAcceptedSchema,
        headers: {
          'idempotent-replayed': {
            description: '`true` when this answers a retry of an earlier identical request',
            schema: z.optional(z.enum(['true'])),
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
    body: z.withMeta(z.string().check(z.maxLength(MAX_IMPORT_BYTES)), {
      description: 'The CSV file (UTF-8, up to 5 MB)',
    }),
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
    method: 'POST',
    path: '/v1/plans',
    function: 'plans',
    auth: 'staff',
    operationId: 'createPlan',
    summary:
      'Create an improvement plan (lead for their teams, analyst, admin); 400 for a bad period, scope, metric or goal',
    body: planCreateSchema,
    responses: { 201: { description: 'Created in stage plan', schema: planCreatedSchema } },
    errors: [400, 401, 403, 404, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/plans',
    function: 'plans',
    auth: 'staff',
    operationId: 'listPlans',
    summary: 'Improvement plans, newest first (a lead sees their teams’ plans)',
    responses: { 200: { description: 'Plans', schema: planListSchema } },
    errors: [401, 403, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/plans/{id}',
    function: 'plans',
    auth: 'staff',
    operationId: 'getPlan',
    summary: 'One plan with its history, evaluation and the trend of its metric across stored snapshots',
    pathParams: planIdParam,
    responses: { 200: { description: 'The plan', schema: planWithTrend } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/plans/{id}/actions',
    function: 'plans',
    auth: 'staff',
    operationId: 'actOnPlan',
    summary:
      'start (plan→do; act→do after a revise), adopt or revise (check→act; revise moves the target), close (act→closed); 409 for an illegal move',
    pathParams: planIdParam,
    body: planActionSchema,
    responses: { 200: { description: 'The plan after the action', schema: planSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/public/board',
    function: 'publicBoard',
    auth: 'public',
    operationId: 'publicBoard',
    summary:
      '“You said, we did”: public plans (never the owner) and last quarter’s resolved complaints per category; HTML when Accept prefers text/html',
    query: boardQuery,
    cache: { headers: ['Accept', 'Accept-Language'], query: ['lang'] },
    responses: {
      200: {
        description: 'The board (cached for 5 minutes)',
        schema: boardSchema,
        alternatives: { 'text/html': htmlPage },
        headers: {
          'cache-control': { description: 'public, max-age=300', schema: z.string().check(z.maxLength(100)) },
        },
      },
    },
    errors: [429, 500],
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
  {
    method: 'POST',
    path: '/v1/questionnaires',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'createQuestionnaire',
    summary:
      'Define a questionnaire: 1–30 questions (likert5, nps, choice with options, text), labels in en and zh (zh-TW optional)',
    body: questionnaireInputSchema,
    responses: { 201: { description: 'Created', schema: createdId } },
    errors: [400, 401, 403, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/questionnaires/{id}',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'getQuestionnaire',
    summary: 'One questionnaire',
    pathParams: questionnaireIdParam,
    responses: { 200: { description: 'The questionnaire', schema: questionnaireSchema } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/campaigns',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'createCampaign',
    summary:
      'Start a survey campaign: the audience’s distinct consenting customers with an email or phone, outside the survey cooldown (400 when it selects nobody)',
    body: campaignInputSchema,
    responses: { 201: { description: 'Created, with the number of recipients', schema: campaignCreated } },
    errors: [400, 401, 403, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/campaigns',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'listCampaigns',
    summary: 'Campaigns, newest first',
    responses: { 200: { description: 'Campaigns', schema: campaignList } },
    errors: [401, 403, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/campaigns/{id}',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'getCampaignResults',
    summary:
      'Results: response rate, per-dimension averages with 95 % Student t intervals, per-question distributions, NPS, and the previous campaign with the same questionnaire',
    pathParams: campaignIdParam,
    responses: { 200: { description: 'The results', schema: campaignResultsSchema } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/campaigns/{id}/responses.csv',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'getCampaignResponsesCsv',
    summary: 'The responses as CSV, one row per response, without personal data',
    pathParams: campaignIdParam,
    responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: responsesCsvSchema } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/campaigns/{id}/calls',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'getCampaignCallList',
    summary: 'The call list: recipients reached only by phone, with the questionnaire to read out',
    pathParams: campaignIdParam,
    responses: { 200: { description: 'The call list', schema: callList } },
    errors: [401, 403, 404, 429, 500],
  },
  {
    method: 'POST',
    path: '/v1/campaigns/{id}/calls/{recipientId}',
    function: 'campaigns',
    auth: 'staff',
    operationId: 'recordCallAnswer',
    summary:
      'Record the answers read out on a call (channel phone); 409 when the recipient has answered, 410 after closesAt',
    pathParams: callParams,
    body: answersBodySchema,
    responses: { 201: { description: 'Recorded', schema: answerRecorded } },
    errors: [400, 401, 403, 404, 409, 410, 413, 415, 429, 500],
  },
  {
    method: 'GET',
    path: '/v1/s/{inviteToken}',
    function: 'campaignAnswer',
    auth: 'public',
    operationId: 'campaignQuestionnaire',
    summary:
      'The campaign questionnaire as an accessible HTML form, in the recipient’s language (410 once closed)',
    pathParams: inviteParam,
    responses: { 200: { description: 'HTML form', contentType: 'text/html', schema: htmlPage } },
    errors: [404, 410, 429, 500],
    errorAlternatives: { 'text/html': htmlPage },
  },
  {
    method: 'POST',
    path: '/v1/s/{inviteToken}',
    function: 'campaignAnswer',
    auth: 'public',
    operationId: 'answerCampaign',
    summary:
      'Answer the campaign once (JSON {answers} or the HTML form): 409 the second time, 400 for an answer that does not fit (nothing stored), 410 after closesAt',
    pathParams: inviteParam,
    body: answersBodySchema,
    formBody: questionnaireForm,
    responses: {
      201: {
        description: 'Recorded (JSON for a JSON body, a thank-you page for the form)',
        schema: answerRecorded,
        alternatives: { 'text/html': htmlPage },
      },
    },
    errors: [400, 404, 409, 410, 413, 415, 429, 500],
    errorAlternatives: { 'text/html': htmlPage },
  },
];
