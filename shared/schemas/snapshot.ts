import { isoInstantSchema } from './common.ts';
import * as z from './zod.ts';

const nullableNumber = /* @__PURE__ */ z.moduleSchema(() => z.nullable(z.number()));
const timeSummarySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({ median: nullableNumber, p90: nullableNumber, count: z.int() }),
);
const timingSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    clockHours: timeSummarySchema,
    workingHours: timeSummarySchema,
    withinSla: nullableNumber,
  }),
);
/**
 * One slice's figures in a snapshot: a team (contract §7), a channel, a service type, a segment
 * (contract §11) or a complaint category; the same counters as the whole quarter.
 */
export const teamFiguresSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      feedback: z.int(),
      complaints: z.int(),
      complaintRate: z._default(
        z.withDescription(nullableNumber, 'Complaints ÷ feedback in the slice (0…1)'),
        null,
      ),
      slaCompliance: z.withDescription(nullableNumber, 'The slice’s deadlines met ÷ met or passed (0…1)'),
      closureRate: z.withDescription(
        nullableNumber,
        'The slice’s complaints resolved or closed ÷ its complaints',
      ),
      notifiedRate: z._default(
        z.withDescription(
          nullableNumber,
          'The slice’s resolved complaints whose customer was told the outcome ÷ its resolved complaints',
        ),
        null,
      ),
      firstResponseMedianHours: z._default(
        z.withDescription(nullableNumber, 'Median working hours to the first response'),
        null,
      ),
      csat: z.object({ average: nullableNumber, responses: z.int() }),
      nps: z._default(z.object({ score: nullableNumber, responses: z.int() }), { score: null, responses: 0 }),
      csatAverage: z.optional(
        z.withDescription(nullableNumber, 'The same as csat.average (the v1 byChannel field)'),
      ),
    }),
    { id: 'ScopeFigures' },
  ),
);
export type TeamFigures = z.infer<typeof teamFiguresSchema>;
/** Snapshots computed before v3 stored `{ feedback, complaints, csatAverage }` per channel. */
const groupSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.union([
    teamFiguresSchema,
    z.object({ feedback: z.int(), complaints: z.int(), csatAverage: nullableNumber }),
  ]),
);

export const paretoEntrySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      category: z.string().check(z.maxLength(64)),
      count: z.int(),
      share: z.number(),
      cumulativeShare: z.number(),
      vital: z.boolean(),
    }),
    { id: 'ParetoEntry' },
  ),
);

/** The figures compared quarter on quarter. */
export const keyFiguresSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      feedback: z.int(),
      complaints: z.int(),
      csatAverage: nullableNumber,
      npsScore: nullableNumber,
      complaintRate: nullableNumber,
      slaCompliance: nullableNumber,
      closureRate: nullableNumber,
      notifiedRate: z._default(nullableNumber, null),
      firstResponseMedianWorkingHours: nullableNumber,
    }),
    { id: 'KeyFigures' },
  ),
);
export type KeyFigures = z.infer<typeof keyFiguresSchema>;

const csatSourceSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({ average: nullableNumber, responses: z.int() }),
);

/** A satisfaction snapshot of a quarter, a month or an ISO week: anonymous figures only. */
export const snapshotSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      period: z.withDescription(
        z.string().check(z.maxLength(8)),
        'A quarter 2026-Q4, a month 2026-11 or an ISO week 2026-W48',
      ),
      kind: z._default(z.enum(['quarter', 'month', 'week']), 'quarter'),
      from: z.withDescription(isoInstantSchema, 'First instant of the period in the configured timezone'),
      to: z.withDescription(isoInstantSchema, 'First instant of the next period (exclusive)'),
      timezone: z.string().check(z.maxLength(64)),
      asOf: z.withDescription(
        isoInstantSchema,
        'Events after this instant are not counted; the same asOf gives the same figures',
      ),
      computedAt: isoInstantSchema,
      totals: z.object({
        feedback: z.int(),
        complaints: z.int(),
        byType: z.record(z.string().check(z.maxLength(32)), z.int()),
      }),
      csat: z.object({
        average: nullableNumber,
        responses: z.int(),
        distribution: z.record(z.string().check(z.maxLength(1)), z.int()),
        satisfiedShare: nullableNumber,
        bySource: z.withDescription(
          z.optional(
            z.object({
              intake: z.withDescription(csatSourceSchema, 'Ratings given with the feedback (ratings.csat)'),
              followUp: z.withDescription(
                csatSourceSchema,
                'Answers to the survey after a resolution (survey_answered)',
              ),
              campaign: z.withDescription(
                csatSourceSchema,
                'Campaign responses in the period (contract §11)',
              ),
            }),
          ),
          'CSAT per source; average and responses above mix intake and follow-up ratings, never campaign ones',
        ),
      }),
      nps: z.object({
        score: nullableNumber,
        responses: z.int(),
        promoters: z.int(),
        passives: z.int(),
        detractors: z.int(),
      }),
      ces: z.object({ average: nullableNumber, responses: z.int() }),
      complaintRate: nullableNumber,
      firstResponseTime: timingSchema,
      resolutionTime: timingSchema,
      slaCompliance: z.withDescription(nullableNumber, 'Deadlines met ÷ deadlines met or passed (0…1)'),
      closureRate: z.withDescription(nullableNumber, 'Complaints resolved or closed ÷ complaints (0…1)'),
      notifiedRate: z.withDescription(
        z._default(nullableNumber, null),
        'Resolved or closed complaints whose customer was told the outcome (closure email or SMS sent, or a call recorded) after the latest resolution ÷ resolved or closed complaints (0…1)',
      ),
      reopenRate: nullableNumber,
      sentiment: z.record(z.string().check(z.maxLength(16)), z.int()),
      byChannel: z.record(z.string().check(z.maxLength(32)), groupSchema),
      byServiceType: z.record(z.string().check(z.maxLength(100)), groupSchema),
      bySegment: z.withDescription(
        z._default(z.record(z.string().check(z.maxLength(32)), teamFiguresSchema), {}),
        'Per customer segment (unspecified when none was given)',
      ),
      byCategory: z.withDescription(
        z._default(z.record(z.string().check(z.maxLength(64)), teamFiguresSchema), {}),
        'Per category of the feedback (uncategorized when none matched)',
      ),
      byTeam: z.withDescription(
        z._default(z.record(z.string().check(z.maxLength(40)), teamFiguresSchema), {}),
        'Per team (the team that owned each feedback at asOf); every configured team is listed',
      ),
      pareto: z.array(paretoEntrySchema),
      topCategories: z.withDescription(
        z.array(paretoEntrySchema),
        'The vital few: categories making up the first 80 % of complaints',
      ),
      repeatComplaintCustomers: z.withDescription(
        z.int(),
        'Customers with two or more complaints in the period (a count only)',
      ),
      previous: z.withDescription(
        z.nullable(
          z.object({
            period: z.string().check(z.maxLength(8)),
            figures: keyFiguresSchema,
            deltas: z.record(z.string().check(z.maxLength(64)), nullableNumber),
          }),
        ),
        'The previous period of the same kind (quarter, month, week): its key figures and the change since; null when it was not computed',
      ),
      readUnits: z.withDescription(z.number(), 'DynamoDB read units the computation consumed'),
    }),
    { id: 'Snapshot' },
  ),
);
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotListSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      items: z.array(
        z.pick(snapshotSchema, {
          period: true,
          kind: true,
          from: true,
          to: true,
          asOf: true,
          computedAt: true,
          totals: true,
          csat: true,
        }),
      ),
    }),
    { id: 'SnapshotList' },
  ),
);

/** Query of `GET /v1/snapshots/{period}`: `csv` for a spreadsheet export (or `Accept: text/csv`). */
export const snapshotFormatQuerySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.object({ format: z.optional(z.enum(['json', 'csv'])) }), { id: 'SnapshotFormatQuery' }),
);
