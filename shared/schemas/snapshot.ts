import { z } from 'zod';
import { isoInstantSchema } from './common.ts';

const nullableNumber = z.number().nullable();
const timeSummarySchema = z.object({ median: nullableNumber, p90: nullableNumber, count: z.int() });
const timingSchema = z.object({
  clockHours: timeSummarySchema,
  workingHours: timeSummarySchema,
  withinSla: nullableNumber,
});
const groupSchema = z.object({ feedback: z.int(), complaints: z.int(), csatAverage: nullableNumber });
/** One team's figures in a snapshot (contract §7). */
export const teamFiguresSchema = z
  .object({
    feedback: z.int(),
    complaints: z.int(),
    slaCompliance: nullableNumber.describe('The team’s deadlines met ÷ met or passed (0…1)'),
    closureRate: nullableNumber.describe('The team’s complaints resolved or closed ÷ its complaints'),
    firstResponseMedianHours: nullableNumber.describe('Median working hours to the first response'),
    csat: z.object({ average: nullableNumber, responses: z.int() }),
  })
  .meta({ id: 'TeamFigures' });
export type TeamFigures = z.infer<typeof teamFiguresSchema>;

export const paretoEntrySchema = z
  .object({
    category: z.string(),
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
    period: z.string().describe('e.g. 2026-Q4'),
    from: isoInstantSchema.describe('First instant of the quarter in the configured timezone'),
    to: isoInstantSchema.describe('First instant of the next quarter (exclusive)'),
    timezone: z.string(),
    asOf: isoInstantSchema.describe(
      'Events after this instant are not counted; the same asOf gives the same figures',
    ),
    computedAt: isoInstantSchema,
    totals: z.object({ feedback: z.int(), complaints: z.int(), byType: z.record(z.string(), z.int()) }),
    csat: z.object({
      average: nullableNumber,
      responses: z.int(),
      distribution: z.record(z.string(), z.int()),
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
    sentiment: z.record(z.string(), z.int()),
    byChannel: z.record(z.string(), groupSchema),
    byServiceType: z.record(z.string(), groupSchema),
    byTeam: z
      .record(z.string(), teamFiguresSchema)
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
      .object({ period: z.string(), figures: keyFiguresSchema, deltas: z.record(z.string(), nullableNumber) })
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
