import type { Problem } from '../domain/problems.ts';

/** Storage of problems (contract §10). */
export interface ProblemRepository {
  /** Stores a new problem; never overwrites one. */
  create(problem: Problem): Promise<void>;
  get(id: string): Promise<Problem | undefined>;
  /** Problems, newest first; with `teams`, only problems of at least one of them. */
  list(limit: number, teams?: readonly string[]): Promise<Problem[]>;
  /** Writes `next` if the stored problem is still at `previous.version`; false otherwise. */
  save(previous: Problem, next: Problem): Promise<boolean>;
}
