import { isoInstantSchema } from '../schemas/common.ts';
import { feedbackIdSchema as ulidSchema } from '../schemas/params.ts';
import * as z from '../schemas/zod.ts';
import { DomainError } from './errors.ts';

const feedbackIdSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
);
const nonBlank = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max));

/** Most feedback one create or link request names (larger problems link in several requests). */
export const MAX_LINKS_PER_REQUEST = 500;

/** `POST /v1/problems` (contract §10). */
export const problemCreateSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      title: nonBlank(200),
      description: z.optional(z.string().check(z.trim(), z.maxLength(5000))),
      feedbackIds: z.optional(z.array(feedbackIdSchema).check(z.maxLength(MAX_LINKS_PER_REQUEST))),
      fromHotTopic: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    }),
    { id: 'ProblemCreate' },
  ),
);
export type ProblemCreate = z.infer<typeof problemCreateSchema>;

/** `POST /v1/problems/{id}/links`. */
export const problemLinkSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      feedbackIds: z.array(feedbackIdSchema).check(z.minLength(1), z.maxLength(MAX_LINKS_PER_REQUEST)),
    }),
    { id: 'ProblemLinks' },
  ),
);

export const rootCauseSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      whys: z.withDescription(
        z.array(nonBlank(1000)).check(z.minLength(1), z.maxLength(10)),
        'The "5 whys", in order',
      ),
      cause: nonBlank(2000),
      correctiveAction: nonBlank(2000),
    }),
    { id: 'RootCause' },
  ),
);
export type RootCause = z.infer<typeof rootCauseSchema>;

/** `POST /v1/problems/{id}/actions`. */
export const problemActionSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('analyse'), rootCause: rootCauseSchema }),
      z.strictObject({ action: z.literal('resolve'), resolution: nonBlank(5000) }),
      z.strictObject({
        action: z.literal('close'),
        note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
      }),
    ]),
    { id: 'ProblemAction' },
  ),
);
export type ProblemAction = z.infer<typeof problemActionSchema>;

export const problemStatusSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.enum(['open', 'analysed', 'resolving', 'resolved', 'closed']),
);
export type ProblemStatus = z.infer<typeof problemStatusSchema>;

export const problemSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: ulidSchema,
      title: z.string().check(z.maxLength(200)),
      description: z.nullable(z.string().check(z.maxLength(5000))),
      status: z.withDescription(problemStatusSchema, '`resolving` while its feedback are being resolved'),
      feedbackIds: z.array(z.string().check(z.maxLength(64))),
      linked: z.int().check(z.gte(0)),
      teams: z.withDescription(
        z._default(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50)), []),
        'Teams of its linked feedback (or of the lead who opened it empty): leads see and act on the problems of their teams',
      ),
      fromHotTopic: z.nullable(z.string().check(z.maxLength(200))),
      rootCause: z.nullable(rootCauseSchema),
      resolution: z.nullable(z.string().check(z.maxLength(5000))),
      resolvedFeedback: z.withDescription(
        z.int().check(z.gte(0)),
        'Linked feedback this problem’s resolution resolved',
      ),
      createdAt: isoInstantSchema,
      updatedAt: isoInstantSchema,
      resolvedAt: z.nullable(isoInstantSchema),
      closedAt: z.nullable(isoInstantSchema),
      history: z.array(
        z.looseObject({
          at: isoInstantSchema,
          action: z.string().check(z.regex(/^[a-z_]{1,40}$/), z.maxLength(40)),
          actor: z.string().check(z.maxLength(512)),
        }),
      ),
      version: z.int().check(z.gte(1)),
    }),
    { id: 'Problem' },
  ),
);
export type Problem = z.infer<typeof problemSchema>;

export const problemCreatedSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.object({ id: ulidSchema, status: z.literal('open'), linked: z.int().check(z.gte(0)) }), {
    id: 'ProblemCreated',
  }),
);

/** Most problems `GET /v1/problems` lists (the newest). */
export const MAX_PROBLEMS_LISTED = 100;

export const problemListSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      items: z.withDescription(
        z
          .array(z.omit(problemSchema, { history: true, feedbackIds: true }))
          .check(z.maxLength(MAX_PROBLEMS_LISTED)),
        `The newest ${MAX_PROBLEMS_LISTED}`,
      ),
    }),
    { id: 'ProblemList' },
  ),
);

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
