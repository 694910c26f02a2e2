import type { FeedbackRepository } from '../../shared/ports/feedback-repository.ts';
import type { FeedbackRecord } from '../../shared/schemas/feedback-record.ts';

/**
 * A feedback store in memory for service tests: `get`, `getWithHistory` and `saveChanges` behave like the
 * DynamoDB adapter's (a write lands only at the version read); every other method fails loudly,
 * so a test never passes on a call it did not expect.
 */
export class MemoryFeedbackRepository
  implements Pick<FeedbackRepository, 'get' | 'getWithHistory' | 'saveChanges'>
{
  readonly records = new Map<string, FeedbackRecord>();
  readonly writes: FeedbackRecord[] = [];

  constructor(...records: FeedbackRecord[]) {
    for (const record of records) this.records.set(record.id, record);
  }

  async get(id: string): Promise<FeedbackRecord | undefined> {
    return this.records.get(id);
  }

  /** The record with its whole history, as the adapter reads it with one Query. */
  async getWithHistory(id: string): Promise<FeedbackRecord | undefined> {
    return this.records.get(id);
  }

  async saveChanges(previous: FeedbackRecord, next: FeedbackRecord): Promise<boolean> {
    const stored = this.records.get(previous.id);
    if (!stored || stored.version !== previous.version) return false;
    const saved = { ...next, version: previous.version + 1 };
    this.records.set(previous.id, saved);
    this.writes.push(saved);
    return true;
  }

  /** This store as the full port: the methods it does not have throw when called. */
  asRepository(): FeedbackRepository {
    return new Proxy(this, {
      get(target, property, receiver) {
        if (property in target) {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return () => {
          throw new Error(`MemoryFeedbackRepository: ${String(property)} was not expected`);
        };
      },
    }) as unknown as FeedbackRepository;
  }
}
