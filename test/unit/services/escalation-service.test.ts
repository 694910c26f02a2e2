import { describe, expect, it } from 'vitest';
import { parseStackConfig, type StackConfig } from '../../../shared/config/stack-config.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { FeedbackRecord, HistoryEntry } from '../../../shared/schemas/feedback-record.ts';
import { EscalationService } from '../../../shared/services/escalation-service.ts';
import { MemoryFeedbackRepository } from '../../helpers/memory-repository.ts';
import { openFeedback } from '../../helpers/records.ts';

/**
 * The sweep's slice of the repository in memory, with the DynamoDB adapter's semantics: the
 * `byEscalation` index lists feedback whose `nextEscalation.at` is at or before `now`, a page at a
 * time with a key cursor (at most `pageSize` items, like a page cut short by DynamoDB's 1 MB
 * limit); a claim is a conditional write on `notifications.<kind>` that fails once the kind is
 * there (or the feedback is gone); notification writes do not raise the version.
 */
class EscalationRepository extends MemoryFeedbackRepository {
  /** Limits the sweep asked the index for. */
  readonly pageLimits: number[] = [];
  /** `completeNotification` calls, as given. */
  readonly completed: { id: string; kind: string; messageId: string; extras: unknown }[] = [];
  /** What the index answers instead of the stored records (an eventually consistent read). */
  staleIndex: FeedbackRecord[] | undefined;
  /** Saves another writer wins before ours (our `saveChanges` answers false). */
  lostRaces = 0;
  reads = 0;
  saveAttempts = 0;

  constructor(
    readonly pageSize: number,
    ...records: FeedbackRecord[]
  ) {
    super(...records);
  }

  override async get(id: string): Promise<FeedbackRecord | undefined> {
    this.reads += 1;
    return super.get(id);
  }

  override async saveChanges(previous: FeedbackRecord, next: FeedbackRecord): Promise<boolean> {
    this.saveAttempts += 1;
    if (this.lostRaces > 0) {
      this.lostRaces -= 1;
      return false;
    }
    return super.saveChanges(previous, next);
  }

  async dueForEscalation(now: string, limit: number, cursor?: Record<string, unknown>) {
    this.pageLimits.push(limit);
    const order = (r: FeedbackRecord) => `${r.nextEscalation?.at}|${r.id}`;
    const after = cursor ? String(cursor.last) : '';
    const due = (this.staleIndex ?? [...this.records.values()])
      .filter((r) => r.nextEscalation && r.nextEscalation.at <= now && order(r) > after)
      .sort((a, b) => order(a).localeCompare(order(b)));
    const items = due.slice(0, Math.min(limit, this.pageSize));
    const last = items.at(-1);
    return {
      items: structuredClone(items),
      ...(due.length > items.length && last ? { cursor: { last: order(last) } } : {}),
    };
  }

  async claimNotification(id: string, kind: string, now: Date): Promise<boolean> {
    const record = this.records.get(id);
    if (!record || record.notifications[kind]) return false;
    this.#put({
      ...record,
      notifications: { ...record.notifications, [kind]: { claimedAt: now.toISOString() } },
    });
    return true;
  }

  async releaseNotification(id: string, kind: string): Promise<void> {
    const record = this.records.get(id) as FeedbackRecord;
    const { [kind]: _released, ...notifications } = record.notifications;
    this.#put({ ...record, notifications });
  }

  async completeNotification(
    id: string,
    kind: string,
    now: Date,
    messageId: string,
    extras: { skippedKinds?: readonly string[]; historyEntry?: HistoryEntry; receivedAt?: string } = {},
  ): Promise<void> {
    this.completed.push({ id, kind, messageId, extras });
    const record = this.records.get(id) as FeedbackRecord;
    const at = now.toISOString();
    const notifications = { ...record.notifications };
    notifications[kind] = { ...notifications[kind], claimedAt: at, sentAt: at, messageId };
    for (const skipped of extras.skippedKinds ?? [])
      notifications[skipped] = { claimedAt: at, skipped: true };
    this.#put({
      ...record,
      notifications,
      history: extras.historyEntry ? [...record.history, extras.historyEntry] : record.history,
    });
  }

  #put(record: FeedbackRecord): void {
    this.records.set(record.id, record);
  }
}

/** A mailer that keeps what it was given; the first `failures` sends throw. */
function recordingMailer(failures = 0) {
  const sent: EmailMessage[] = [];
  let left = failures;
  const mailer: Mailer = {
    send: async (message) => {
      if (left > 0) {
        left -= 1;
        throw new Error('SES throttled');
      }
      sent.push(message);
      return { messageId: `msg-${sent.length}` };
    },
  };
  return { mailer, sent };
}

const config = parseStackConfig({
  escalationEmails: ['first@example.org', 'second@example.org', 'third@example.org'],
  teams: [
    { id: 'billing', name: { en: 'Billing', zh: '账务' }, leadEmails: ['b1@example.org', 'b2@example.org'] },
    { id: 'field', name: { en: 'Field', zh: '现场' }, leadEmails: ['f@example.org'] },
  ],
});

// P1, received Monday 2026-11-23 10:00 Shanghai. First response (24 clock hours): warning at
// 80 % (19.2 h) 2026-11-23T21:12Z, due 2026-11-24T02:00Z (10:00 Shanghai), level 3 at
// 2026-11-25T02:00Z. Resolution (72 clock hours): warning 2026-11-25T11:36Z, due 2026-11-26T02:00Z.
const RECEIVED = '2026-11-23T02:00:00.000Z';
const ID = '01JDQ3ZK6V7M0000000000000A';
const FIRST_STEP = { at: '2026-11-23T21:12:00.000Z', deadline: 'firstResponse', level: 1 } as const;

function p1(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return openFeedback('P1', RECEIVED, {
    id: ID,
    team: 'billing',
    text: 'The counter   was\nclosed again.',
    nextEscalation: FIRST_STEP,
    ...overrides,
  });
}

function setup(
  records: FeedbackRecord[],
  options: { pageSize?: number; failures?: number; config?: StackConfig } = {},
) {
  const repository = new EscalationRepository(options.pageSize ?? 100, ...records);
  const { mailer, sent } = recordingMailer(options.failures);
  const service = new EscalationService({
    repository: repository.asRepository(),
    mailer,
    config: options.config ?? config,
    publicBaseUrl: 'https://x.example',
  });
  return { repository, service, sent };
}

const kind = (deadline: string, level: number) => `escalation:0:${deadline}:${level}`;

describe('escalation sweep: which level goes out, to whom', () => {
  it.each([
    {
      at: '2026-11-23T21:12:00.000Z',
      level: 1,
      skipped: [],
      to: ['b1@example.org', 'b2@example.org'],
      subject: `[P1] Level 1 escalation: feedback ${ID}, first response due 2026-11-24 10:00 (Asia/Shanghai)`,
      heading: 'Deadline approaching (level 1)',
      lateness: 'due in 4 h 48 min',
      next: { at: '2026-11-24T02:00:00.000Z', deadline: 'firstResponse', level: 2 },
    },
    {
      at: '2026-11-24T02:00:00.000Z',
      level: 2,
      skipped: [kind('firstResponse', 1)],
      to: ['b1@example.org', 'b2@example.org'],
      subject: `[P1] Level 2 escalation: feedback ${ID}, first response due 2026-11-24 10:00 (Asia/Shanghai)`,
      heading: 'Deadline approaching (level 2)',
      lateness: 'due in 0 min',
      next: { at: '2026-11-25T02:00:00.000Z', deadline: 'firstResponse', level: 3 },
    },
    {
      at: '2026-11-24T02:01:00.000Z',
      level: 2,
      skipped: [kind('firstResponse', 1)],
      to: ['b1@example.org', 'b2@example.org'],
      subject: `[P1] Level 2 escalation: feedback ${ID}, first response 1 min late`,
      heading: 'Deadline missed (level 2)',
      lateness: '1 min late',
      next: { at: '2026-11-25T02:00:00.000Z', deadline: 'firstResponse', level: 3 },
    },
    {
      at: '2026-11-25T02:30:00.000Z',
      level: 3,
      skipped: [kind('firstResponse', 1), kind('firstResponse', 2)],
      to: ['first@example.org', 'second@example.org', 'third@example.org'],
      subject: `[P1] Level 3 escalation: feedback ${ID}, first response 1 d 30 min late`,
      heading: 'Deadline missed (level 3)',
      lateness: '1 d 30 min late',
      next: { at: '2026-11-25T11:36:00.000Z', deadline: 'resolution', level: 1 },
    },
  ])('at $at: level $level to $to, lower levels passed over', async (row) => {
    // Prepare
    const { repository, service, sent } = setup([p1()]);
    const now = new Date(row.at);

    // Act
    const summary = await service.sweep(now);

    // Assess
    expect(summary).toEqual({
      examined: 1,
      sent: 1,
      skipped: row.skipped.length,
      alreadyClaimed: 0,
      failed: 0,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual(row.to);
    expect(sent[0]?.subject).toBe(row.subject);
    expect(sent[0]?.tags).toEqual({ kind: 'escalation', level: String(row.level), feedbackId: ID });
    expect(sent[0]?.text).toBe(
      `${row.heading}\n\nFeedback ${ID} (P1): the first response was due 2026-11-24 10:00 (Asia/Shanghai) — ${row.lateness}.\n\n"The counter was closed again."\n\nOpen: https://x.example/console/feedback/${ID}`,
    );
    expect(repository.completed).toEqual([
      {
        id: ID,
        kind: kind('firstResponse', row.level),
        messageId: 'msg-1',
        extras: {
          receivedAt: RECEIVED,
          skippedKinds: row.skipped,
          historyEntry: {
            at: row.at,
            action: 'escalated',
            actor: 'system:escalation',
            level: row.level,
            deadline: 'firstResponse',
            due: '2026-11-24T02:00:00.000Z',
          },
        },
      },
    ]);
    const stored = repository.records.get(ID);
    expect(stored?.escalationLevel).toBe(row.level);
    expect(stored?.nextEscalation).toEqual(row.next);
    expect(stored?.version).toBe(3);
  });

  it('sends levels 1 and 2 to the leads of the feedback’s own team', async () => {
    // Prepare
    const { service, sent } = setup([p1({ team: 'field' })]);

    // Act
    await service.sweep(new Date('2026-11-24T03:00:00.000Z'));

    // Assess
    expect(sent.map((m) => m.to)).toEqual([['f@example.org']]);
  });

  it('sends levels 1 and 2 to the first escalation address when no teams are configured', async () => {
    // Prepare
    const plain = parseStackConfig({ escalationEmails: ['first@example.org', 'second@example.org'] });
    const { service, sent } = setup([p1({ team: null })], { config: plain });

    // Act
    await service.sweep(new Date('2026-11-24T03:00:00.000Z'));

    // Assess
    expect(sent.map((m) => m.to)).toEqual([['first@example.org']]);
  });

  it('escalates both running deadlines when both are due, one email each', async () => {
    // Prepare: 2026-11-26T03:00Z is past the first response's level 3 and the resolution's due time.
    const { repository, service, sent } = setup([p1()]);

    // Act
    const summary = await service.sweep(new Date('2026-11-26T03:00:00.000Z'));

    // Assess
    expect(summary).toEqual({ examined: 1, sent: 2, skipped: 3, alreadyClaimed: 0, failed: 0 });
    expect(sent.map((m) => m.subject)).toEqual([
      `[P1] Level 3 escalation: feedback ${ID}, first response 2 d 1 h late`,
      `[P1] Level 2 escalation: feedback ${ID}, resolution 1 h late`,
    ]);
    expect(sent.map((m) => m.to)).toEqual([
      ['first@example.org', 'second@example.org', 'third@example.org'],
      ['b1@example.org', 'b2@example.org'],
    ]);
    const stored = repository.records.get(ID);
    expect(stored?.escalationLevel).toBe(3);
    expect(stored?.nextEscalation).toEqual({
      at: '2026-11-27T02:00:00.000Z',
      deadline: 'resolution',
      level: 3,
    });
  });

  it('sends nothing for feedback whose clocks stopped, and takes it off the ladder', async () => {
    // Prepare: the index still lists it (its entry predates the status change).
    const { repository, service, sent } = setup([p1({ status: 'waiting_for_customer' })]);

    // Act
    const summary = await service.sweep(new Date('2026-11-25T03:00:00.000Z'));

    // Assess
    expect(summary).toEqual({ examined: 1, sent: 0, skipped: 0, alreadyClaimed: 0, failed: 0 });
    expect(sent).toEqual([]);
    expect(repository.records.get(ID)?.nextEscalation).toBeNull();
    expect(repository.records.get(ID)?.escalationLevel).toBe(0);
  });

  it('reads every page the index gives, asking for 100 at a time', async () => {
    // Prepare: three due feedback, the index answering one per page.
    const ids = ['01JDQ3ZK6V7M0000000000000A', '01JDQ3ZK6V7M0000000000000B', '01JDQ3ZK6V7M0000000000000C'];
    const { repository, service, sent } = setup(
      ids.map((id) => p1({ id })),
      { pageSize: 1 },
    );

    // Act
    const summary = await service.sweep(new Date('2026-11-23T22:00:00.000Z'));

    // Assess
    expect(summary).toEqual({ examined: 3, sent: 3, skipped: 0, alreadyClaimed: 0, failed: 0 });
    expect(sent.map((m) => m.tags?.feedbackId)).toEqual(ids);
    expect(repository.pageLimits).toEqual([100, 100, 100]);
  });

  it('examines nothing when nothing is due', async () => {
    // Prepare
    const { service, sent } = setup([p1()]);

    // Act
    const summary = await service.sweep(new Date('2026-11-23T21:11:00.000Z'));

    // Assess
    expect(summary).toEqual({ examined: 0, sent: 0, skipped: 0, alreadyClaimed: 0, failed: 0 });
    expect(sent).toEqual([]);
  });
});

describe('escalation sweep: each level exactly once', () => {
  it('sends each level once however often the sweep runs, one after the other or at once', async () => {
    // Prepare
    const { repository, service, sent } = setup([p1()]);
    const pastDue = new Date('2026-11-24T02:01:00.000Z');
    const dayLate = new Date('2026-11-25T02:01:00.000Z');

    // Act
    const first = await service.sweep(pastDue);
    const again = await service.sweep(pastDue);
    await Promise.all([service.sweep(dayLate), service.sweep(dayLate)]);
    const after = await service.sweep(dayLate);

    // Assess
    expect(first.sent).toBe(1);
    expect(again).toEqual({ examined: 0, sent: 0, skipped: 0, alreadyClaimed: 0, failed: 0 });
    expect(after.examined).toBe(0);
    expect(sent.map((m) => m.subject.match(/Level (\d)/)?.[1])).toEqual(['2', '3']);
    const stored = repository.records.get(ID);
    expect(stored?.history.filter((h) => h.action === 'escalated').map((h) => h.level)).toEqual([2, 3]);
    expect(stored?.escalationLevel).toBe(3);
  });

  it('counts a step another sweep has claimed and sends nothing for it, nor writes', async () => {
    // Prepare: another sweep claimed and sent level 2 and moved the feedback on; the
    // (eventually consistent) index still returns the copy from before.
    const before = p1();
    const done = p1({
      notifications: {
        [kind('firstResponse', 1)]: { claimedAt: '2026-11-24T02:01:00.000Z', skipped: true },
        [kind('firstResponse', 2)]: {
          claimedAt: '2026-11-24T02:01:00.000Z',
          sentAt: '2026-11-24T02:01:00.000Z',
          messageId: 'other',
        },
      },
      escalationLevel: 2,
      nextEscalation: { at: '2026-11-25T02:00:00.000Z', deadline: 'firstResponse', level: 3 },
    });
    const { repository, service, sent } = setup([done]);
    repository.staleIndex = [before];

    // Act
    const summary = await service.sweep(new Date('2026-11-24T02:02:00.000Z'));

    // Assess
    expect(summary).toEqual({ examined: 1, sent: 0, skipped: 0, alreadyClaimed: 1, failed: 0 });
    expect(sent).toEqual([]);
    expect(repository.writes).toEqual([]);
  });

  it('stores the level when only the level is behind', async () => {
    // Prepare: level 1 was sent, the next step stored, but the level was not.
    const stale = p1({
      notifications: {
        [kind('firstResponse', 1)]: {
          claimedAt: '2026-11-23T21:12:00.000Z',
          sentAt: '2026-11-23T21:12:00.000Z',
          messageId: 'other',
        },
      },
      escalationLevel: 0,
      nextEscalation: { at: '2026-11-24T02:00:00.000Z', deadline: 'firstResponse', level: 2 },
    });
    const { repository, service, sent } = setup([stale]);
    repository.staleIndex = [p1()];

    // Act
    const summary = await service.sweep(new Date('2026-11-23T22:00:00.000Z'));

    // Assess
    expect(summary.alreadyClaimed).toBe(1);
    expect(sent).toEqual([]);
    expect(repository.writes.map((w) => [w.escalationLevel, w.nextEscalation])).toEqual([
      [1, { at: '2026-11-24T02:00:00.000Z', deadline: 'firstResponse', level: 2 }],
    ]);
  });

  it('gives the claim back when the email fails, so the next sweep sends it once', async () => {
    // Prepare
    const { repository, service, sent } = setup([p1()], { failures: 1 });
    const now = new Date('2026-11-24T02:01:00.000Z');

    // Act
    const failed = await service.sweep(now);
    const afterFailure = repository.records.get(ID);
    const retried = await service.sweep(now);

    // Assess
    expect(failed).toEqual({ examined: 1, sent: 0, skipped: 0, alreadyClaimed: 0, failed: 1 });
    expect(afterFailure?.notifications).toEqual({});
    expect(afterFailure?.history.some((h) => h.action === 'escalated')).toBe(false);
    expect(afterFailure?.nextEscalation).toEqual(FIRST_STEP);
    expect(repository.writes).toHaveLength(1);
    expect(retried).toEqual({ examined: 1, sent: 1, skipped: 1, alreadyClaimed: 0, failed: 0 });
    expect(sent.map((m) => m.subject)).toEqual([
      `[P1] Level 2 escalation: feedback ${ID}, first response 1 min late`,
    ]);
  });

  it('skips a feedback erased after the index listed it', async () => {
    // Prepare
    const { repository, service, sent } = setup([]);
    repository.staleIndex = [p1()];

    // Act
    const summary = await service.sweep(new Date('2026-11-24T02:01:00.000Z'));

    // Assess
    expect(summary).toEqual({ examined: 1, sent: 0, skipped: 0, alreadyClaimed: 1, failed: 0 });
    expect(sent).toEqual([]);
    expect(repository.writes).toEqual([]);
  });
});

describe('escalation sweep: moving the next step on', () => {
  it('re-reads and retries when another writer changed the feedback first', async () => {
    // Prepare
    const { repository, service } = setup([p1()]);
    repository.lostRaces = 2;

    // Act
    await service.sweep(new Date('2026-11-24T02:01:00.000Z'));

    // Assess
    expect(repository.saveAttempts).toBe(3);
    expect(repository.records.get(ID)?.escalationLevel).toBe(2);
  });

  it('gives up after three lost races (the next sweep moves it on)', async () => {
    // Prepare
    const { repository, service, sent } = setup([p1()]);
    repository.lostRaces = 10;

    // Act
    const summary = await service.sweep(new Date('2026-11-24T02:01:00.000Z'));

    // Assess
    expect(summary.sent).toBe(1);
    expect(sent).toHaveLength(1);
    expect(repository.saveAttempts).toBe(3);
    expect(repository.reads).toBe(3);
    expect(repository.records.get(ID)?.nextEscalation).toEqual(FIRST_STEP);
  });

  it('reads the feedback once when the first save lands', async () => {
    // Prepare
    const { repository, service } = setup([p1()]);

    // Act
    await service.sweep(new Date('2026-11-24T02:01:00.000Z'));

    // Assess
    expect(repository.reads).toBe(1);
    expect(repository.saveAttempts).toBe(1);
  });
});
