import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { PublicForm } from '../../shared/config/stack-config.ts';
import { DomainError, NotFoundError } from '../../shared/domain/errors.ts';
import type { Locale } from '../../shared/domain/text.ts';
import { apiHandler, MAX_BODY_BYTES, requestHeader } from '../../shared/http/middleware.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { FeedbackRepository } from '../../shared/ports/feedback-repository.ts';
import { type FeedbackInput, feedbackInputSchema } from '../../shared/schemas/feedback-input.ts';
import {
  publicFormSubmissionSchema,
  type PublicFormSubmission as Submission,
} from '../../shared/schemas/public-form.ts';
import { submitFeedback } from '../../shared/services/submit-feedback.ts';
import { htmlResponse, localeFromAcceptLanguage } from '../../shared/web/html-response.ts';
import {
  type FormError,
  type FormValues,
  renderFormThanks,
  renderPublicForm,
} from '../../shared/web/public-form-page.ts';

export interface PublicFormDependencies {
  repository: FeedbackRepository;
  forms: readonly PublicForm[];
  publicBaseUrl: string;
  now?: () => Date;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** Reads a form-encoded body into the JSON shape; empty fields count as absent. */
function fromForm(raw: string): {
  submission: Record<string, unknown>;
  honeypot: boolean;
  values: FormValues;
} {
  const form = new URLSearchParams(raw);
  const text = form.get('text') ?? '';
  const csat = form.get('csat')?.trim() ?? '';
  const email = form.get('email')?.trim() ?? '';
  const consent = form.get('consent') === 'true' || form.get('consent') === 'on';
  const anonymous = form.get('anonymous') === 'true' || form.get('anonymous') === 'on';
  const nonce = form.get('nonce') ?? '';
  return {
    submission: {
      text,
      ...(csat ? { csat: /^\d+$/.test(csat) ? Number(csat) : csat } : {}),
      ...(email ? { email } : {}),
      consent,
      anonymous,
      ...(nonce ? { nonce } : {}),
    },
    honeypot: (form.get('website') ?? '') !== '',
    values: { text, csat, email, consent, anonymous },
  };
}

/** Which form messages a validation error's issues call for. */
function formErrorsOf(error: DomainError): FormError[] {
  const errors = new Set<FormError>();
  for (const issue of error.issues ?? []) {
    if (issue.path.startsWith('ratings') || issue.path === 'csat') errors.add('csatInvalid');
    else if (issue.path.includes('email')) errors.add('emailInvalid');
    else errors.add('textRequired');
  }
  if (errors.size === 0) errors.add('textRequired');
  return [...errors];
}

function toFeedbackInput(form: PublicForm, submission: Submission, locale: Locale | undefined): unknown {
  const anonymous = submission.anonymous === true;
  const input: Record<string, unknown> = {
    channel: form.channel,
    text: submission.text,
    ...(anonymous ? { anonymous: true } : {}),
    ...(submission.email && !anonymous ? { customer: { email: submission.email } } : {}),
    consent: { contact: submission.consent === true && !anonymous && submission.email !== undefined },
    ...(submission.csat !== undefined ? { ratings: { csat: submission.csat } } : {}),
    ...(form.serviceType ? { serviceType: form.serviceType } : {}),
    ...(locale ? { language: locale } : {}),
    metadata: { form: form.id },
  };
  return input;
}

/**
 * Public feedback forms (contract §5): `GET /v1/forms/{formId}` serves the accessible HTML form,
 * `POST` stores one feedback with the form's channel. No key: abuse is limited by the route's
 * throttle (API Gateway), the 64 KiB size limit, a honeypot field (a filled one is thanked and
 * dropped) and a per-page nonce used as the idempotency key, so a double submit stores one.
 */
export function createPublicFormHandler(deps: PublicFormDependencies) {
  const logger = createLogger();
  const formsById = new Map(deps.forms.map((form) => [form.id, form]));
  return apiHandler(logger).handler(async (event: APIGatewayProxyEvent) => {
    const formId = event.pathParameters?.formId ?? '';
    const form = formsById.get(formId);
    if (!form) throw new NotFoundError('form');
    const locale = form.language ?? localeFromAcceptLanguage(requestHeader(event, 'accept-language'));
    const action = `${deps.publicBaseUrl}/v1/forms/${encodeURIComponent(form.id)}`;
    if (event.httpMethod === 'GET') {
      return htmlResponse(200, await renderPublicForm(form, locale, { action, nonce: newNonce() }));
    }

    const contentType = requestHeader(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    const isForm = contentType === 'application/x-www-form-urlencoded';
    if (!isForm && contentType !== 'application/json')
      throw new DomainError('unsupported_media_type', 'Send the form as application/json or form-encoded.');
    const bytes = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64')
      : Buffer.from(event.body ?? '', 'utf8');
    if (bytes.byteLength > MAX_BODY_BYTES) {
      if (isForm)
        return htmlResponse(
          413,
          await renderPublicForm(form, locale, { action, nonce: newNonce(), errors: ['tooLarge'] }),
        );
      throw new DomainError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    let raw: string;
    try {
      raw = utf8.decode(bytes);
    } catch {
      throw new DomainError('malformed_json', 'The body is not valid UTF-8.');
    }

    let submission: Submission;
    let values: FormValues = {};
    try {
      if (isForm) {
        const parsed = fromForm(raw);
        values = parsed.values;
        if (parsed.honeypot) {
          logger.warn('Public form honeypot filled; dropped', { formId: form.id });
          return htmlResponse(201, await renderFormThanks(form, locale, undefined));
        }
        submission = parseOrThrow(publicFormSubmissionSchema, parsed.submission, 'form');
      } else {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw new DomainError('malformed_json', 'The body is not valid JSON.');
        }
        submission = parseOrThrow(publicFormSubmissionSchema, json, 'form');
      }
      const input = parseOrThrow(
        feedbackInputSchema,
        toFeedbackInput(form, submission, form.language),
        'feedback',
      ) as FeedbackInput;
      const submitter = { integrationId: `form-${form.id}` };
      const now = deps.now?.() ?? new Date();
      const { record, replayed } = await submitFeedback(deps.repository, {
        input,
        submitter,
        idempotencyKey: submission.nonce,
        now,
      }).catch((error: unknown) => {
        // The same page sent again with changed text: a new feedback, not a replay.
        if (error instanceof DomainError && error.code === 'idempotency_key_reused')
          return submitFeedback(deps.repository, { input, submitter, now });
        throw error;
      });
      logger.info('Public form feedback accepted', { feedbackId: record.id, formId: form.id, replayed });
      const trackingUrl = `${deps.publicBaseUrl}/v1/track/${record.trackingToken}`;
      if (isForm) return htmlResponse(201, await renderFormThanks(form, locale, trackingUrl));
      return jsonResponse(201, { id: record.id, trackingToken: record.trackingToken, trackingUrl });
    } catch (error) {
      if (!isForm || !(error instanceof DomainError) || error.code !== 'validation_error') throw error;
      return htmlResponse(
        400,
        await renderPublicForm(form, locale, {
          action,
          nonce: newNonce(),
          values,
          errors: formErrorsOf(error),
        }),
      );
    }
  });
}

const config = runtimeConfigFromEnv();

export const handler = createPublicFormHandler({
  repository: createFeedbackRepository(config),
  forms: config.stack.publicForms,
  publicBaseUrl: config.publicBaseUrl,
});
