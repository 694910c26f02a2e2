import { z } from 'zod';
import { isoInstantSchema } from './common.ts';

const nullableNumber = z.number().nullable();
const timeSummarySchema = z.object({ median: nullableNumber, p90: nullableNumber, count: z.int() });
const timingSchema = z.object({
  clockHours: timeSummarySchema,
  workingHours: timeSummarySchema,
  withinSla: nullableNumber,
});
/**
 * One slice's figures in a snapshot: a team (contract §7), a channel, a service type, a segment
 * (contract §11) or a complaint category; the same counters as the whole quarter.
 */
export const teamFiguresSchema = z
  .object({
    feedback: z.int(),
    complaints: z.int(),
    complaintRate: nullableNumber.describe('Complaints ÷ feedback in the slice (0…1)').default(null),
    slaCompliance: nullableNumber.describe('The slice’s deadlines met ÷ met or passed (0…1)'),
    closureRate: nullableNumber.describe('The slice’s complaints resolved or closed ÷ its complaints'),
    firstResponseMedianHours: nullableNumber
      .describe('Median working hours to the first response')
      .default(null),
    csat: z.object({ average: nullableNumber, responses: z.int() }),
    nps: z.object({ score: nullableNumber, responses: z.int() }).default({ score: null, responses: 0 }),
    csatAverage: nullableNumber.describe('The same as csat.average (the v1 byChannel field)').optional(),
  })
  .meta({ id: 'ScopeFigures' });
export type TeamFigures = z.infer<typeof teamFiguresSchema>;
/** Snapshots computed before v3 stored `{ feedback, complaints, csatAverage }` per channel. */
const groupSchema = z.union([
  teamFiguresSchema,
  z.object({ feedback: z.int(), complaints: z.int(), csatAverage: nullableNumber }),
]);

export const paretoEntrySchema = z
  .object({
    category: z.string().max(64),
    count: z.int(),
    share: z.number(),
    cumulativeShare: z.number(),
    vital: z.boolean(),
  })
  .meta({ id: 'ParetoEntry' });

/** The figures compared quarter on quarter. */
export const keyFiguresSchema = z
  .object({
    feedback: z.int(),
    complaints: z.int(),
    csatAverage: nullableNumber,
    npsScore: nullableNumber,
    complaintRate: nullableNumber,
    slaCompliance: nullableNumber,
    closureRate: nullableNumber,
    firstResponseMedianWorkingHours: nullableNumber,
  })
  .meta({ id: 'KeyFigures' });
export type KeyFigures = z.infer<typeof keyFiguresSchema>;

/** A quarterly satisfaction snapshot: anonymous figures only. */
export const snapshotSchema = z
  .object({
    period: z.string().max(7).describe('e.g. 2026-Q4'),
    from: isoInstantSchema.describe('First instant of the quarter in the configured timezone'),
    to: isoInstantSchema.describe('First instant of the next quarter (exclusive)'),
    timezone: z.string().max(64),
    asOf: isoInstantSchema.describe(
      'Events after this instant are not counted; the same asOf gives the same figures',
    ),
    computedAt: isoInstantSchema,
    totals: z.object({
      feedback: z.int(),
      complaints: z.int(),
      byType: z.record(z.string().max(32), z.int()),
    }),
    csat: z.object({
      average: nullableNumber,
      responses: z.int(),
      distribution: z.record(z.string().max(1), z.int()),
      satisfiedShare: nullableNumber,
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
    slaCompliance: nullableNumber.describe('Deadlines met ÷ deadlines met or passed (0…1)'),
    closureRate: nullableNumber.describe('Complaints resolved or closed ÷ complaints (0…1)'),
    reopenRate: nullableNumber,
    sentiment: z.record(z.string().max(16), z.int()),
    byChannel: z.record(z.string().max(32), groupSchema),
    byServiceType: z.record(z.string().max(100), groupSchema),
    bySegment: z
      .record(z.string().max(32), teamFiguresSchema)
      .default({})
      .describe('Per customer segment (unspecified when none was given)'),
    byCategory: z
      .record(z.string().max(64), teamFiguresSchema)
      .default({})
      .describe('Per category of the feedback (uncategorized when none matched)'),
    byTeam: z
      .record(z.string().max(40), teamFiguresSchema)
      .default({})
      .describe('Per team (the team that owned each feedback at asOf); every configured team is listed'),
    pareto: z.array(paretoEntrySchema),
    topCategories: z
      .array(paretoEntrySchema)
      .describe('The vital few: categories making up the first 80 % of complaints'),
    repeatComplaintCustomers: z
      .int()
      .describe('Customers with two or more complaints in the quarter (a count only)'),
    previous: z
      .object({
        period: z.string().max(7),
        figures: keyFiguresSchema,
        deltas: z.record(z.string().max(64), nullableNumber),
      })
      .nullable()
      .describe('The prior quarter’s key figures and the change since; null for the first'),
    readUnits: z.number().describe('DynamoDB read units the computation consumed'),
  })
  .meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotListSchema = z
  .object({
    items: z.array(
      snapshotSchema.pick({
        period: true,
        from: true,
        to: true,
        asOf: true,
        computedAt: true,
        totals: true,
        csat: true,
      }),
    ),
  })
  .meta({ id: 'SnapshotList' });

/** Query of `GET /v1/snapshots/{period}`: `csv` for a spreadsheet export (or `Accept: text/csv`). */
export const snapshotFormatQuerySchema = z
  .object({ format: z.enum(['json', 'csv']).optional() })
  .meta({ id: 'SnapshotFormatQuery' });
