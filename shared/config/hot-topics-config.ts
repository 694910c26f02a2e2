import * as z from '../schemas/zod.ts';

/** The hot-topic settings of `serviceFeedback.hotTopics` (contract §10 defaults). */
export const hotTopicsConfigSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withDescription(
    z
      .object({
        windowHours: z.withDescription(
          z._default(z.int().check(z.gte(1), z.lte(48)), 6),
          'Hours compared, the current one included',
        ),
        baselineDays: z.withDescription(
          z._default(z.int().check(z.gte(1), z.lte(90)), 28),
          'Days before the window that set the expected count',
        ),
        minCount: z.withDescription(
          z._default(z.int().check(z.gte(2), z.lte(10_000)), 5),
          'Fewest complaints that can make a topic hot',
        ),
        alpha: z.withDescription(
          z._default(z.number().check(z.gt(0), z.lte(0.05)), 0.001),
          'A topic is hot when P(X ≥ count) under the baseline is below this',
        ),
        commonTermShare: z.withDescription(
          z._default(z.number().check(z.gt(0), z.lte(1)), 0.05),
          'Terms found in at least this share of the baseline’s complaints are too common to be topics',
        ),
        priorCount: z.withDescription(
          z._default(z.number().check(z.gt(0), z.lte(10)), 0.5),
          'Pseudo-count added to every baseline, so a never-seen topic has a small, not zero, expectation',
        ),
      })
      .check(
        z.refine((settings) => settings.windowHours < settings.baselineDays * 24, {
          message: 'windowHours must be shorter than the baseline (baselineDays * 24 hours)',
          path: ['windowHours'],
        }),
      ),
    'Hot-topic scan (contract §10)',
  ),
);
export type HotTopicsConfig = z.infer<typeof hotTopicsConfigSchema>;
