import { z } from 'zod';

/** The hot-topic settings of `serviceFeedback.hotTopics` (contract §10 defaults). */
export const hotTopicsConfigSchema = z
  .object({
    windowHours: z.int().min(1).max(48).default(6).describe('Hours compared, the current one included'),
    baselineDays: z
      .int()
      .min(1)
      .max(90)
      .default(28)
      .describe('Days before the window that set the expected count'),
    minCount: z.int().min(2).max(10_000).default(5).describe('Fewest complaints that can make a topic hot'),
    alpha: z
      .number()
      .gt(0)
      .max(0.05)
      .default(0.001)
      .describe('A topic is hot when P(X ≥ count) under the baseline is below this'),
    commonTermShare: z
      .number()
      .gt(0)
      .max(1)
      .default(0.05)
      .describe(
        'Terms found in at least this share of the baseline’s complaints are too common to be topics',
      ),
    priorCount: z
      .number()
      .gt(0)
      .max(10)
      .default(0.5)
      .describe(
        'Pseudo-count added to every baseline, so a never-seen topic has a small, not zero, expectation',
      ),
  })
  .refine((settings) => settings.windowHours < settings.baselineDays * 24, {
    message: 'windowHours must be shorter than the baseline (baselineDays * 24 hours)',
    path: ['windowHours'],
  })
  .describe('Hot-topic scan (contract §10)');
export type HotTopicsConfig = z.infer<typeof hotTopicsConfigSchema>;
