import * as z from './zod.ts';

/** Channels an integration may submit feedback from (contract §2). */
export const CHANNELS = ['web', 'email', 'social', 'phone', 'in_person', 'app', 'survey', 'other'] as const;
export const channelSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(CHANNELS), { id: 'Channel' }),
);
export type Channel = z.infer<typeof channelSchema>;

/** Severity hint a channel may pass along (contract §2). */
export const SEVERITIES = ['critical', 'high', 'normal', 'low'] as const;
export const severitySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(SEVERITIES), { id: 'Severity' }),
);
export type Severity = z.infer<typeof severitySchema>;

/** Workflow statuses (contract §2). */
export const STATUSES = [
  'received',
  'open',
  'acknowledged',
  'waiting_for_customer',
  'resolved',
  'closed',
] as const;
export const statusSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(STATUSES), { id: 'FeedbackStatus' }),
);
export type FeedbackStatus = z.infer<typeof statusSchema>;

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const prioritySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(PRIORITIES), { id: 'Priority' }),
);
export type Priority = z.infer<typeof prioritySchema>;

export const FEEDBACK_TYPES = ['complaint', 'suggestion', 'praise', 'inquiry', 'emotional'] as const;
export const feedbackTypeSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(FEEDBACK_TYPES), { id: 'FeedbackType' }),
);
export type FeedbackType = z.infer<typeof feedbackTypeSchema>;

export const SENTIMENT_LABELS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] as const;

/** An ISO-8601 instant with an explicit offset, e.g. `2026-11-24T09:30:00+08:00`. */
export const isoInstantSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.iso.datetime({ offset: true }).check(z.maxLength(40)),
);

/**
 * A BCP-47 language tag, canonicalised (`zh-tw` → `zh-TW`).
 * `Intl.getCanonicalLocales` is the platform's own BCP-47 parser, so no hand-kept grammar.
 */
export const languageTagSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.pipe(
    z.string().check(z.minLength(2), z.maxLength(35)),
    z.transform((tag, ctx) => {
      try {
        const [canonical] = Intl.getCanonicalLocales(tag);
        if (canonical) return canonical;
      } catch {
        // fall through to the issue below
      }
      ctx.issues.push({
        code: 'custom',
        message: 'must be a BCP-47 language tag such as zh, zh-TW or en',
        input: tag,
      });
      return z.NEVER;
    }),
  ),
);

/** Counts user-perceived characters the way the contract does: by Unicode code point. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}
