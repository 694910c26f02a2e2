import { z } from 'zod';
import { isoInstantSchema } from '../schemas/common.ts';
import { feedbackIdSchema as ulidSchema } from '../schemas/params.ts';
import { DomainError } from './errors.ts';

const feedbackIdSchema = z.string().trim().min(1).max(64);
const nonBlank = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** Most feedback one create or link request names (larger problems link in several requests). */
export const MAX_LINKS_PER_REQUEST = 500;

/** `POST /v1/problems` (contract §10). */
export const problemCreateSchema = z
  .strictObject({
    title: nonBlank(200),
    description: z.string().trim().max(5000).optional(),
    feedbackIds: z.array(feedbackIdSchema).max(MAX_LINKS_PER_REQUEST).optional(),
    fromHotTopic: z.string().trim().min(1).max(200).optional(),
  })
  .meta({ id: 'ProblemCreate' });
export type ProblemCreate = z.infer<typeof problemCreateSchema>;

/** `POST /v1/problems/{id}/links`. */
export const problemLinkSchema = z
  .strictObject({ feedbackIds: z.array(feedbackIdSchema).min(1).max(MAX_LINKS_PER_REQUEST) })
  .meta({ id: 'ProblemLinks' });

export const rootCauseSchema = z
  .strictObject({
    whys: z.array(nonBlank(1000)).min(1).max(10).describe('The "5 whys", in order'),
    cause: nonBlank(2000),
    correctiveAction: nonBlank(2000),
  })
  .meta({ id: 'RootCause' });
export type RootCause = z.infer<typeof rootCauseSchema>;

/** `POST /v1/problems/{id}/actions`. */
export const problemActionSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('analyse'), rootCause: rootCauseSchema }),
    z.strictObject({ action: z.literal('resolve'), resolution: nonBlank(5000) }),
    z.strictObject({ action: z.literal('close'), note: z.string().trim().max(2000).optional() }),
  ])
  .meta({ id: 'ProblemAction' });
export type ProblemAction = z.infer<typeof problemActionSchema>;

export const problemStatusSchema = z.enum(['open', 'analysed', 'resolving', 'resolved', 'closed']);
export type ProblemStatus = z.infer<typeof problemStatusSchema>;

export const problemSchema = z
  .object({
    id: ulidSchema,
    title: z.string().max(200),
    description: z.string().max(5000).nullable(),
    status: problemStatusSchema.describe('`resolving` while its feedback are being resolved'),
    feedbackIds: z.array(z.string().max(64)),
    linked: z.int().min(0),
    teams: z
      .array(z.string().max(64))
      .max(50)
      .default([])
      .describe(
        'Teams of its linked feedback (or of the lead who opened it empty): leads see and act on the problems of their teams',
      ),
    fromHotTopic: z.string().max(200).nullable(),
    rootCause: rootCauseSchema.nullable(),
    resolution: z.string().max(5000).nullable(),
    resolvedFeedback: z.int().min(0).describe('Linked feedback this problem’s resolution resolved'),
    createdAt: isoInstantSchema,
    updatedAt: isoInstantSchema,
    resolvedAt: isoInstantSchema.nullable(),
    closedAt: isoInstantSchema.nullable(),
    history: z.array(
      z.looseObject({
        at: isoInstantSchema,
        action: z
          .string()
          .regex(/^[a-z_]{1,40}$/)
          .max(40),
        actor: z.string().max(512),
      }),
    ),
    version: z.int().min(1),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const problemCreatedSchema = z
  .object({ id: ulidSchema, status: z.literal('open'), linked: z.int().min(0) })
  .meta({ id: 'ProblemCreated' });

/** Most problems `GET /v1/problems` lists (the newest). */
export const MAX_PROBLEMS_LISTED = 100;

export const problemListSchema = z
  .object({
    items: z
      .array(problemSchema.omit({ history: true, feedbackIds: true }))
      .max(MAX_PROBLEMS_LISTED)
      .describe(`The newest ${MAX_PROBLEMS_LISTED}`),
  })
  .meta({ id: 'ProblemList' });

/** Feedback statuses a problem's resolution resolves ("still open"). */
export const RESOLVABLE_FEEDBACK = new Set(['open', 'acknowledged', 'waiting_for_customer']);

export const PROBLEM_ALLOWED_FROM: Record<ProblemAction['action'] | 'link', readonly ProblemStatus[]> = {
  link: ['open', 'analysed'],
  analyse: ['open', 'analysed'],
  // `resolving`: a retried resolve carries on where an interrupted one stopped.
  resolve: ['open', 'analysed', 'resolving'],
  close: ['open', 'analysed', 'resolved'],
};

/** Refuses an action the problem's status does not allow (`409`). */
export function assertProblemAllows(problem: Problem, action: ProblemAction['action'] | 'link'): void {
  if (!PROBLEM_ALLOWED_FROM[action].includes(problem.status)) {
    throw new DomainError('invalid_transition', `Cannot ${action} a problem that is ${problem.status}.`, [
      { path: 'action', message: `allowed from: ${PROBLEM_ALLOWED_FROM[action].join(', ')}` },
    ]);
  }
}

/** A new open problem. */
export function newProblem(
  id: string,
  input: ProblemCreate,
  actor: string,
  now: Date,
  teams: readonly string[] = [],
): Problem {
  const at = now.toISOString();
  return {
    id,
    title: input.title,
    description: input.description ?? null,
    status: 'open',
    feedbackIds: [],
    linked: 0,
    teams: [...teams],
    fromHotTopic: input.fromHotTopic ?? null,
    rootCause: null,
    resolution: null,
    resolvedFeedback: 0,
    createdAt: at,
    updatedAt: at,
    resolvedAt: null,
    closedAt: null,
    history: [
      { at, action: 'created', actor, ...(input.fromHotTopic ? { fromHotTopic: input.fromHotTopic } : {}) },
    ],
    version: 1,
  };
}

/** The teams a problem belongs to after linking feedback of `added` teams: the union, sorted. */
export function problemTeamsWith(current: readonly string[], added: readonly (string | null)[]): string[] {
  const teams = new Set(current);
  for (const team of added) if (team) teams.add(team);
  return [...teams].sort();
}

/**
 * The team the access policy is asked about for a problem (contract §7: a lead acts on the
 * problems of their teams): one of the caller's teams when the problem has it, otherwise any
 * of the problem's teams (so the caller is refused with `404`), `null` for a problem of no team.
 */
export function problemTeamFor(
  problem: Pick<Problem, 'teams'>,
  callerTeams: readonly string[],
): string | null {
  return problem.teams.find((team) => callerTeams.includes(team)) ?? problem.teams[0] ?? null;
}
