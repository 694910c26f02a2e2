import type { SnapshotRepository } from '../ports/snapshot-repository.ts';
import type { Snapshot } from '../schemas/snapshot.ts';
import { DynamoDbStoredSnapshots } from './dynamodb-stored-snapshots.ts';

/**
 * {@link SnapshotRepository} for the staff snapshot routes: stored snapshots are read at once, and
 * the computing side (the feedback reads and the feedback record's schemas behind them, the summary
 * claims) loads on the first recompute. Listing and reading snapshots, the common requests, do not
 * pay for it at cold start.
 */
export class SnapshotRepositoryOnFirstComputation
  extends DynamoDbStoredSnapshots
  implements SnapshotRepository
{
  #computing: Promise<SnapshotRepository> | undefined;

  #full(): Promise<SnapshotRepository> {
    this.#computing ??= import('./dynamodb-snapshot-repository.ts').then(
      ({ DynamoDbSnapshotRepository }) => new DynamoDbSnapshotRepository(this.client, this.tableName),
    );
    return this.#computing;
  }

  async put(snapshot: Snapshot): Promise<void> {
    return (await this.#full()).put(snapshot);
  }

  async forEachReceivedBetween(...args: Parameters<SnapshotRepository['forEachReceivedBetween']>) {
    return (await this.#full()).forEachReceivedBetween(...args);
  }

  async claimSummaryEmail(period: string, now: Date): Promise<boolean> {
    return (await this.#full()).claimSummaryEmail(period, now);
  }

  async completeSummaryEmail(period: string, now: Date, messageId: string): Promise<void> {
    return (await this.#full()).completeSummaryEmail(period, now, messageId);
  }

  async releaseSummaryEmail(period: string): Promise<void> {
    return (await this.#full()).releaseSummaryEmail(period);
  }
}
