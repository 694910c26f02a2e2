import type { Plan } from '../domain/plans.ts';

/** Storage of improvement plans (contract §8). */
export interface PlanRepository {
  /** Stores a new plan; never overwrites one. */
  create(plan: Plan): Promise<void>;
  get(id: string): Promise<Plan | undefined>;
  /** Plans, newest first; only those of `teams` when given. */
  list(limit: number, teams?: readonly string[]): Promise<Plan[]>;
  /** Every plan whose target is `period` (the plans a snapshot of that quarter checks). */
  targeting(period: string): Promise<Plan[]>;
  /** Writes `next` if the stored plan is still at `previous.version`; false otherwise. */
  save(previous: Plan, next: Plan): Promise<boolean>;
}
