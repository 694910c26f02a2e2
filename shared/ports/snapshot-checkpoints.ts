import type { SnapshotAccumulatorState } from '../domain/snapshot-math.ts';
import type { ReadPosition } from './snapshot-repository.ts';

/**
 * Where a snapshot computation that outgrew one Lambda run stands between runs: what it has
 * counted (the feedback count among it), where its read resumes, and what the runs so far cost.
 */
export interface SnapshotCheckpoint {
  period: string;
  asOf: string;
  /** Runs finished so far (each paused at a page boundary and saved this). */
  runs: number;
  readUnits: number;
  position: ReadPosition;
  accumulator: SnapshotAccumulatorState;
}

/**
 * Storage of checkpoints, one per period and `asOf`: each run overwrites the last, so a run
 * retried after it saved resumes from where the retried run got to, and counts nothing twice.
 */
export interface SnapshotCheckpoints {
  load(period: string, asOf: string): Promise<SnapshotCheckpoint | undefined>;
  save(checkpoint: SnapshotCheckpoint): Promise<void>;
  remove(period: string, asOf: string): Promise<void>;
}
