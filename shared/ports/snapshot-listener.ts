import type { Snapshot } from '../schemas/snapshot.ts';

/** One plan a snapshot evaluated, as the summary email lists it. */
export interface EvaluatedPlanLine {
  id: string;
  title: string;
  metric: string;
  /** `category: billing_payment`, `team: service-desk`, … or empty for the whole quarter. */
  scope: string;
  baseline: number | null;
  actual: number | null;
  goal: number | null;
  met: boolean | null;
  change: number | null;
}

/**
 * Told after a snapshot was computed (stored, or found unchanged): the improvement plans of
 * contract §8 evaluate themselves from it. Answers what it evaluated, for the summary email.
 */
export interface SnapshotComputedListener {
  snapshotComputed(snapshot: Snapshot): Promise<EvaluatedPlanLine[]>;
}
