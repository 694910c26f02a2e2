import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { parseStackConfig, type StackConfig } from '../../../shared/config/stack-config.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';
import type { CampaignCsatSource } from '../../../shared/ports/campaign-csat-source.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { SnapshotCheckpoint, SnapshotCheckpoints } from '../../../shared/ports/snapshot-checkpoints.ts';
import type { EvaluatedPlanLine } from '../../../shared/ports/snapshot-listener.ts';
import type { ReceivedReadRun, SnapshotRepository } from '../../../shared/ports/snapshot-repository.ts';
import type { FeedbackRecord, HistoryEntry } from '../../../shared/schemas/feedback-record.ts';
import { type Snapshot, snapshotSchema } from '../../../shared/schemas/snapshot.ts';
import {
  keyFigures,
  SnapshotService,
  type SnapshotServiceDependencies,
  snapshotCsv,
} from '../../../shared/services/snapshot-service.ts';

// ---------------------------------------------------------------------------------------------
// Fakes of the ports
// ---------------------------------------------------------------------------------------------

/** Snapshots and the feedback they are computed from, in memory; every call is recorded. */
class MemorySnapshots implements SnapshotRepository {
  readonly stored = new Map<string, Snapshot>();
  readonly puts: Snapshot[] = [];
  readonly reads: { from: string; to: string }[] = [];
  readonly claims = new Map<string, Date>();
  readonly claimCalls: { period: string; now: Date }[] = [];
  readonly completed: { period: string; now: Date; messageId: string }[] = [];
  readonly released: string[] = [];
  readUnits = 2.25;

  constructor(readonly feedback: { record: FeedbackRecord; customerKey?: string }[] = []) {}

  async get(period: string) {
    return structuredClone(this.stored.get(period));
  }
  async list() {
    return [...this.stored.values()].sort((a, b) => a.period.localeCompare(b.period));
  }
  async put(snapshot: Snapshot) {
    this.puts.push(structuredClone(snapshot));
    this.stored.set(snapshot.period, structuredClone(snapshot));
  }
  /** One feedback per "page": a read with `run` may pause after any of them. */
  async forEachReceivedBetween(
    from: string,
    to: string,
    visit: (record: FeedbackRecord, customerKey: string | undefined) => void,
    run?: ReceivedReadRun,
  ) {
    this.reads.push({ from, to });
    let items = 0;
    // A resumed read whose position has no `memory` entry has nothing left to read (as months are omitted).
    const start = run?.resume ? Number(run.resume.memory?.next ?? this.feedback.length) : 0;
    for (let i = start; i < this.feedback.length; i += 1) {
      const { record, customerKey } = this.feedback[i] as (typeof this.feedback)[number];
      if (record.receivedAt < from || record.receivedAt >= to) continue;
      visit(record, customerKey);
      items += 1;
      if (i + 1 < this.feedback.length && run?.shouldPause?.())
        return { items, readUnits: this.readUnits, paused: { memory: { next: String(i + 1) } } };
    }
    return { items, readUnits: this.readUnits };
  }
  async claimSummaryEmail(period: string, now: Date) {
    this.claimCalls.push({ period, now });
    if (this.claims.has(period)) return false;
    this.claims.set(period, now);
    return true;
  }
  async completeSummaryEmail(period: string, now: Date, messageId: string) {
    this.completed.push({ period, now, messageId });
  }
  async releaseSummaryEmail(period: string) {
    this.released.push(period);
    this.claims.delete(period);
  }
}

/** Checkpoints as S3 would keep them: bytes, one object per period and asOf. */
class MemoryCheckpoints implements SnapshotCheckpoints {
  readonly objects = new Map<string, Buffer>();
  saves = 0;
  async load(period: string, asOf: string) {
    const bytes = this.objects.get(`${period}/${asOf}`);
    return bytes ? (deserialize(bytes) as SnapshotCheckpoint) : undefined;
  }
  async save(checkpoint: SnapshotCheckpoint) {
    this.saves += 1;
    this.objects.set(`${checkpoint.period}/${checkpoint.asOf}`, serialize(checkpoint));
  }
  async remove(period: string, asOf: string) {
    this.objects.delete(`${period}/${asOf}`);
  }
}

/** A mailer that keeps what it was given; it fails the first `failures` sends. */
class RecordingMailer implements Mailer {
  readonly sent: EmailMessage[] = [];
  constructor(private failures = 0) {}
  async send(message: EmailMessage) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SES is unavailable');
    }
    this.sent.push(message);
    return { messageId: `m-${this.sent.length}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures: five feedback of 2026-11-24 (a Tuesday; 02:00Z is 10:00 in Shanghai), counted by hand
// ---------------------------------------------------------------------------------------------

const TEAMS = [
  { id: 'desk', name: { en: 'Front desk', zh: '前台' }, leadEmails: ['desk@example.com'] },
  { id: 'billing', name: { en: 'Billing team', zh: '账务组' }, leadEmails: ['bill@example.com'] },
  { id: 'online', name: { en: 'Online team', zh: '线上组' }, leadEmails: ['web@example.com'] },
];
const config = (overrides: Record<string, unknown> = {}): StackConfig =>
  parseStackConfig({
    escalationEmails: ['lead@example.com', 'manager@example.com'],
    teams: TEAMS,
    ...overrides,
  });

const AT = '2026-11-24T02:00:00.000Z';
const entry = (at: string, action: string, extra: Record<string, unknown> = {}) =>
  ({ at, action, actor: 'staff:ana', ...extra }) as HistoryEntry;

function feedback(id: string, overrides: Partial<FeedbackRecord>): FeedbackRecord {
  const record = newFeedbackRecord(
    { channel: 'web', text: 'Some feedback.', consent: { contact: false } },
    `01JDQ3ZK6V7M000000000000${id}`,
    new Date(AT),
    { integrationId: 'k1' },
  );
  return { ...record, ...overrides };
}

/**
 * A: complaint (web, staff attitude, cust-1), team billing, CSAT 1, NPS 0; triaged at 10:00 local,
 *    resolved at 12:00 (first response 2 working h, met; resolution due 11:00, missed).
 * B: praise (app), CSAT 5, NPS 10: no team → the first team, desk.
 * C: complaint (email, an unknown category, cust-1), NPS 8; first response due 2026-11-25, never
 *    answered (passed: counted, missed); resolution due in 2027 (not counted).
 * D: inquiry (phone), CES 4, team `legacy` (a team no longer configured).
 * E: praise (app), CSAT 4.
 * Key figures: 5 feedback, 2 complaints (rate 0.4), CSAT (1+5+4)/3 = 3.33, NPS (1−1)/3 = 0,
 * SLA 1 met of 3 counted = 0.3333, closure 1/2 = 0.5, told 0/1 = 0, first response median 2 h.
 */
const RECORDS: { record: FeedbackRecord; customerKey?: string }[] = [
  {
    record: feedback('0A', {
      type: 'complaint',
      status: 'resolved',
      category: 'staff_attitude',
      ratings: { csat: 1, nps: 0 },
      deadlines: { firstResponseDue: '2026-11-24T06:00:00.000Z', resolutionDue: '2026-11-24T03:00:00.000Z' },
      history: [
        entry(AT, 'received', { to: 'received' }),
        entry(AT, 'triaged', { to: 'open', team: 'billing' }),
        entry('2026-11-24T04:00:00.000Z', 'resolve', { from: 'open', to: 'resolved' }),
      ],
    }),
    customerKey: 'cust-1',
  },
  { record: feedback('0B', { channel: 'app', type: 'praise', ratings: { csat: 5, nps: 10 } }) },
  {
    record: feedback('0C', {
      channel: 'email',
      type: 'complaint',
      status: 'open',
      category: 'legacy_topic',
      ratings: { nps: 8 },
      deadlines: { firstResponseDue: '2026-11-25T02:00:00.000Z', resolutionDue: '2027-02-01T00:00:00.000Z' },
      history: [entry(AT, 'received', { to: 'received' }), entry(AT, 'triaged', { to: 'open' })],
    }),
    customerKey: 'cust-1',
  },
  { record: feedback('0D', { channel: 'phone', type: 'inquiry', team: 'legacy', ratings: { ces: 4 } }) },
  { record: feedback('0E', { channel: 'app', type: 'praise', ratings: { csat: 4 } }) },
];
/** Received the last second of 2026-Q3 in Shanghai: never counted in 2026-Q4. */
const BEFORE_Q4 = {
  record: feedback('0F', { receivedAt: '2026-09-30T15:59:59.000Z', type: 'complaint' }),
  customerKey: 'cust-1',
};

const fixture = (name: string): Snapshot =>
  snapshotSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../events/snapshots/${name}.json`, import.meta.url), 'utf8')),
  );
/** The stored 2026-Q3 (40 feedback, 10 complaints, CSAT 3.5, NPS −20, …), its closure rate set to 0.5. */
const Q3 = { ...fixture('2026-Q3'), closureRate: 0.5 };

const NEW_YEAR = new Date('2026-12-31T17:00:00.000Z'); // 01:00 on 1 January 2027 in Shanghai
const NOW = new Date('2026-12-31T17:00:07.000Z');

function setup(deps: Partial<SnapshotServiceDependencies> = {}, records = RECORDS) {
  const repository = new MemorySnapshots(records);
  const mailer = new RecordingMailer();
  const service = new SnapshotService({
    repository,
    mailer,
    config: config(),
    publicBaseUrl: 'https://api.example.com',
    now: () => NOW,
    ...deps,
  });
  return { repository, mailer, service };
}

// ---------------------------------------------------------------------------------------------

describe('SnapshotService.compute', () => {
  it('counts the quarter’s feedback only, by team, with the campaign CSAT and both read costs', async () => {
    // Prepare
    const asked: string[][] = [];
    const campaignCsat: CampaignCsatSource = {
      csatBetween: async (from, to, asOf) => {
        asked.push([from, to, asOf]);
        return { sum: 9, responses: 2, readUnits: 1.5 };
      },
    };
    const { repository, service } = setup({ campaignCsat }, [...RECORDS, BEFORE_Q4]);

    // Act
    const snapshot = await service.compute('2026-Q4', NEW_YEAR);

    // Assess
    expect(repository.reads).toEqual([{ from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' }]);
    expect(asked).toEqual([
      ['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ]);
    expect(snapshot).toMatchObject({
      period: '2026-Q4',
      kind: 'quarter',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      timezone: 'Asia/Shanghai',
      asOf: '2026-12-31T17:00:00.000Z',
      computedAt: '2026-12-31T17:00:07.000Z',
      totals: { feedback: 5, complaints: 2, byType: { complaint: 2, inquiry: 1, praise: 2 } },
      csat: {
        average: 3.33,
        responses: 3,
        bySource: {
          intake: { average: 3.33, responses: 3 },
          followUp: { average: null, responses: 0 },
          campaign: { average: 4.5, responses: 2 },
        },
      },
      nps: { score: 0, responses: 3 },
      complaintRate: 0.4,
      slaCompliance: 0.3333,
      closureRate: 0.5,
      notifiedRate: 0,
      repeatComplaintCustomers: 1,
      previous: null,
      // 2.25 (feedback) + 1.5 (campaign) = 3.75, one decimal
      readUnits: 3.8,
    });
    expect(Object.keys(snapshot.byTeam)).toEqual(['billing', 'desk', 'legacy', 'online']);
    expect(snapshot.byTeam).toMatchObject({
      billing: {
        feedback: 1,
        complaints: 1,
        slaCompliance: 0.5,
        closureRate: 1,
        firstResponseMedianHours: 2,
      },
      desk: {
        feedback: 3,
        complaints: 1,
        slaCompliance: 0,
        closureRate: 0,
        csat: { average: 4.5, responses: 2 },
      },
      legacy: { feedback: 1, complaints: 0, slaCompliance: null, closureRate: null },
      online: { feedback: 0, complaints: 0, slaCompliance: null, csat: { average: null, responses: 0 } },
    });
    expect(JSON.stringify(snapshot)).not.toContain('cust-1');
  });

  it('without a campaign source reports no campaign answers and the feedback read cost only', async () => {
    const { service } = setup();

    const snapshot = await service.compute('2026-Q4', NEW_YEAR);

    expect(snapshot.csat.bySource?.campaign).toEqual({ average: null, responses: 0 });
    expect(snapshot.readUnits).toBe(2.3);
  });

  it('counts unrouted feedback for service-desk when no team is listed', async () => {
    const { service } = setup({ config: { ...config(), teams: [] } });

    const snapshot = await service.compute('2026-Q4', NEW_YEAR);

    expect(Object.keys(snapshot.byTeam)).toEqual(['billing', 'legacy', 'service-desk']);
    expect(snapshot.byTeam['service-desk']).toMatchObject({ feedback: 3, complaints: 1 });
  });

  it('compares with the stored previous quarter: its key figures and the change since', async () => {
    const { repository, service } = setup();
    repository.stored.set('2026-Q3', Q3);

    const snapshot = await service.compute('2026-Q4', NEW_YEAR);

    expect(snapshot.previous).toEqual({
      period: '2026-Q3',
      figures: {
        feedback: 40,
        complaints: 10,
        csatAverage: 3.5,
        npsScore: -20,
        complaintRate: 0.25,
        slaCompliance: 0.8,
        closureRate: 0.5,
        notifiedRate: null,
        firstResponseMedianWorkingHours: 3,
      },
      deltas: {
        feedback: -35,
        complaints: -8,
        csatAverage: -0.17,
        npsScore: 20,
        complaintRate: 0.15,
        slaCompliance: -0.4667,
        closureRate: 0,
        notifiedRate: null,
        firstResponseMedianWorkingHours: -1,
      },
    });
  });

  it('has no change for a figure it does not have itself (an empty quarter after a full one)', async () => {
    const { repository, service } = setup({}, []);
    repository.stored.set('2026-Q3', Q3);

    const snapshot = await service.compute('2026-Q4', NEW_YEAR);

    expect(snapshot.previous?.deltas).toEqual({
      feedback: -40,
      complaints: -10,
      csatAverage: null,
      npsScore: null,
      complaintRate: null,
      slaCompliance: null,
      closureRate: null,
      notifiedRate: null,
      firstResponseMedianWorkingHours: null,
    });
  });

  it.each([
    ['2026-11', 'month', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-10', 5],
    ['2026-W48', 'week', '2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z', '2026-W47', 5],
    ['2026-W49', 'week', '2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z', '2026-W48', 0],
  ])('computes %s (a %s) over [%s, %s), compared with %s', async (text, kind, from, to, before, count) => {
    const { repository, service } = setup();
    repository.stored.set(before, { ...Q3, period: before, kind: kind as Snapshot['kind'] });

    const snapshot = await service.compute(text, NEW_YEAR);

    expect(snapshot).toMatchObject({ period: text, kind, from, to, totals: { feedback: count } });
    expect(snapshot.previous?.period).toBe(before);
  });

  it.each(['2026-Q9', '2026-13', '2025-W53', 'Q4-2026', ''])('refuses the period %j', async (text) => {
    const { repository, service } = setup();

    await expect(service.compute(text, NEW_YEAR)).rejects.toMatchObject({ code: 'validation_error' });
    await expect(service.get(text)).rejects.toBeInstanceOf(DomainError);
    expect(repository.reads).toEqual([]);
  });

  it('uses the current time for computedAt without a clock', async () => {
    const { service } = setup({ now: undefined });

    const snapshot = await service.compute('2026-Q4', NEW_YEAR);

    expect(snapshot.computedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(snapshot.asOf).toBe('2026-12-31T17:00:00.000Z');
  });
});

describe('SnapshotService.recompute', () => {
  it('stores a new snapshot, and does not write an unchanged one again', async () => {
    // Prepare
    let clock = NOW;
    const { repository, service } = setup({ now: () => clock });

    // Act
    const first = await service.recompute('2026-Q4', NEW_YEAR);
    clock = new Date('2027-01-02T00:00:00.000Z');
    repository.readUnits = 7;
    const second = await service.recompute('2026-Q4', NEW_YEAR);

    // Assess
    expect([first.changed, second.changed]).toEqual([true, false]);
    expect(repository.puts).toHaveLength(1);
    expect(repository.puts[0]).toEqual(first.snapshot);
    expect(second.snapshot.computedAt).toBe('2026-12-31T17:00:07.000Z');
    expect(second.snapshot.readUnits).toBe(2.3);
    expect(second.evaluated).toEqual([]);
  });

  it('stores again when the figures changed (a later asOf counts a new feedback)', async () => {
    const records = RECORDS.slice(0, 4);
    const { repository, service } = setup({}, records);
    await service.recompute('2026-Q4', NEW_YEAR);
    records.push(RECORDS[4] as (typeof RECORDS)[number]);

    const again = await service.recompute('2026-Q4', NEW_YEAR);

    expect(again.changed).toBe(true);
    expect(repository.puts.map((s) => s.totals.feedback)).toEqual([4, 5]);
    expect(repository.stored.get('2026-Q4')?.totals.feedback).toBe(5);
  });

  it('tells the listener what is stored, changed or not, and answers what it evaluated', async () => {
    const told: Snapshot[] = [];
    const line: EvaluatedPlanLine = {
      id: 'p1',
      title: 'Fewer complaints',
      metric: 'complaints',
      scope: '',
      baseline: 3,
      actual: 2,
      goal: 2,
      met: true,
      change: -0.3333,
    };
    const { service } = setup({
      onComputed: {
        snapshotComputed: async (s) => {
          told.push(s);
          return [line];
        },
      },
    });

    const first = await service.recompute('2026-Q4', NEW_YEAR);
    const second = await service.recompute('2026-Q4', NEW_YEAR);

    expect(told.map((s) => [s.period, s.totals.feedback])).toEqual([
      ['2026-Q4', 5],
      ['2026-Q4', 5],
    ]);
    expect(told[1]).toEqual(first.snapshot);
    expect(first.evaluated).toEqual([line]);
    expect(second).toMatchObject({ changed: false, evaluated: [line] });
  });
});

/** The text part's lines, blank ones (the template's layout) left out. */
const summaryLines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('SnapshotService scheduled runs', () => {
  it('computes the quarter that just ended, emails its summary to the escalation list once', async () => {
    // Prepare
    const { repository, mailer, service } = setup();
    repository.stored.set('2026-Q3', Q3);

    // Act
    const first = await service.runQuarterly(NEW_YEAR);
    const second = await service.runQuarterly(NEW_YEAR);

    // Assess
    expect(first).toEqual({
      period: '2026-Q4',
      changed: true,
      emailed: true,
      feedback: 5,
      readUnits: 2.3,
      plansEvaluated: 0,
    });
    expect(second).toEqual({ ...first, changed: false, emailed: false });
    expect(mailer.sent).toHaveLength(1);
    const [mail] = mailer.sent;
    expect(mail?.to).toEqual(['lead@example.com', 'manager@example.com']);
    expect(mail?.subject).toBe('Service quality snapshot 2026-Q4');
    expect(mail?.tags).toEqual({ kind: 'snapshot-summary', period: '2026-Q4' });
    expect(summaryLines(mail?.text ?? '')).toEqual([
      'Service quality snapshot 2026-Q4',
      'Feedback: 5 (-35)',
      'Complaints: 2 (-8)',
      'CSAT (1–5): 3.33 (-0.17)',
      'NPS: 0 (+20)',
      'Complaint rate: 40 % (+15 pp)',
      'SLA compliance: 33.3 % (-46.7 pp)',
      'Closure rate: 50 % (0 pp)',
      'Customers told the outcome: 0 % (—)',
      'First response, median (working h): 2 (-1)',
      'Top complaint categories (80 %):',
      '1. legacy_topic: 1 (50 %)',
      '2. Staff attitude: 1 (50 %)',
      'By team:',
      'Billing team: Feedback 1, Complaints 1, SLA compliance 50 %, Closure rate 100 %, First response, median (h) 2, CSAT 1',
      'Front desk: Feedback 3, Complaints 1, SLA compliance 0 %, Closure rate 0 %, First response, median (h) —, CSAT 4.5',
      'legacy: Feedback 1, Complaints 0, SLA compliance —, Closure rate —, First response, median (h) —, CSAT —',
      'Online team: Feedback 0, Complaints 0, SLA compliance —, Closure rate —, First response, median (h) —, CSAT —',
      'https://api.example.com/v1/snapshots/2026-Q4',
    ]);
    expect(mail?.html).toContain('<a href="https://api.example.com/v1/snapshots/2026-Q4">');
    expect(repository.claimCalls).toEqual([
      { period: '2026-Q4', now: NOW },
      { period: '2026-Q4', now: NOW },
    ]);
    expect(repository.completed).toEqual([{ period: '2026-Q4', now: NOW, messageId: 'm-1' }]);
    expect(repository.released).toEqual([]);
  });

  it('shows no change column without a previous quarter', async () => {
    const { mailer, service } = setup();

    await service.runQuarterly(NEW_YEAR);

    expect(summaryLines(mailer.sent[0]?.text ?? '').slice(1, 10)).toEqual([
      'Feedback: 5',
      'Complaints: 2',
      'CSAT (1–5): 3.33',
      'NPS: 0',
      'Complaint rate: 40 %',
      'SLA compliance: 33.3 %',
      'Closure rate: 50 %',
      'Customers told the outcome: 0 %',
      'First response, median (working h): 2',
    ]);
  });

  it('releases the claim when sending fails, so the next run sends the summary once', async () => {
    const { repository } = setup();
    const mailer = new RecordingMailer(1);
    const flaky = new SnapshotService({
      repository,
      mailer,
      config: config(),
      publicBaseUrl: 'https://api.example.com',
      now: () => NOW,
    });

    await expect(flaky.runQuarterly(NEW_YEAR)).rejects.toThrow('SES is unavailable');
    const retry = await flaky.runQuarterly(NEW_YEAR);

    expect(repository.released).toEqual(['2026-Q4']);
    expect(retry).toMatchObject({ changed: false, emailed: true });
    expect(mailer.sent).toHaveLength(1);
    expect(repository.completed).toEqual([{ period: '2026-Q4', now: NOW, messageId: 'm-1' }]);
  });

  it.each([
    ['month', '2026-12-01T01:00:00+08:00', '2026-11', 5],
    ['week', '2026-11-30T01:00:00+08:00', '2026-W48', 5],
    ['month', NEW_YEAR.toISOString(), '2026-12', 0],
  ] as const)('a %s run at %s computes %s and emails nothing', async (kind, at, period, count) => {
    const { repository, mailer, service } = setup();

    const result = await service.runScheduled(kind, new Date(at));

    expect(result).toEqual({
      period,
      changed: true,
      emailed: false,
      feedback: count,
      readUnits: 2.3,
      plansEvaluated: 0,
    });
    expect(repository.stored.get(period)?.asOf).toBe(new Date(at).toISOString());
    expect(repository.claimCalls).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('runs without a clock: claims with the current time', async () => {
    const { repository, mailer, service } = setup({ now: undefined });

    const result = await service.runQuarterly(NEW_YEAR);

    expect(result.emailed).toBe(true);
    expect(repository.claimCalls[0]?.now).toBeInstanceOf(Date);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('the summary email’s plan lines', () => {
  const plan = (overrides: Partial<EvaluatedPlanLine>): EvaluatedPlanLine => ({
    id: 'p',
    title: 'Plan',
    metric: 'complaints',
    scope: '',
    baseline: null,
    actual: null,
    goal: null,
    met: null,
    change: null,
    ...overrides,
  });
  const PLANS = [
    plan({
      title: 'Fewer billing complaints',
      scope: 'category: billing_payment',
      baseline: 10,
      actual: 6,
      goal: 7,
      met: true,
      change: -0.4,
    }),
    plan({
      title: 'Faster answers',
      metric: 'slaCompliance',
      baseline: 0.5,
      actual: 0.33333,
      goal: 0.6,
      met: false,
      change: 0.123456,
    }),
    plan({ title: 'Happier customers', metric: 'csatAverage', scope: 'team: desk', actual: 4.5 }),
    plan({ title: 'Hold NPS', metric: 'npsScore', baseline: 12, actual: 12, goal: 12, met: true, change: 0 }),
    plan({
      title: 'More voices',
      metric: 'feedback',
      baseline: 100,
      actual: 130,
      goal: 120,
      met: true,
      change: 0.3,
    }),
    plan({ title: 'Close more', metric: 'closureRate', scope: 'team: online', baseline: 0.5, goal: 0.7 }),
  ];

  it('words each plan: figures, change, goal, verdict and margin', async () => {
    const { mailer, service } = setup({ onComputed: { snapshotComputed: async () => PLANS } });

    const result = await service.runQuarterly(NEW_YEAR);

    expect(result.plansEvaluated).toBe(6);
    const text = mailer.sent[0]?.text ?? '';
    expect(summaryLines(text.slice(text.indexOf('Improvement plans checked:')))).toEqual([
      'Improvement plans checked:',
      '- Fewer billing complaints: complaints [category: billing_payment] 10 → 6 (-40 %), goal 7: met, -1 vs goal',
      '- Faster answers: slaCompliance 0.5 → 0.3333 (+12.3 %), goal 0.6: missed, -0.2667 vs goal',
      '- Happier customers: csatAverage [team: desk] — → 4.5, goal —: not decided (no baseline or no figure)',
      '- Hold NPS: npsScore 12 → 12 (0 %), goal 12: met, 0 vs goal',
      '- More voices: feedback 100 → 130 (+30 %), goal 120: met, +10 vs goal',
      '- Close more: closureRate [team: online] 0.5 → —, goal 0.7: not decided (no baseline or no figure)',
      'https://api.example.com/v1/snapshots/2026-Q4',
    ]);
  });

  it.each([
    [
      'zh',
      [
        '反馈总数: 5 (-35)',
        '投诉数: 2 (-8)',
        '满意度（1–5）: 3.33 (-0.17)',
        '净推荐值 NPS: 0 (+20)',
        '投诉率: 40 % (+15 pp)',
        '时限达标率: 33.3 % (-46.7 pp)',
        '闭环率: 50 % (0 pp)',
        '结果告知率: 0 % (—)',
        '首次响应中位数（工作小时）: 2 (-1)',
      ],
      ['2. 服务态度: 1 (50 %)', '账务组: ', '前台: '],
      [
        '- Plan: complaints 10 → 6 (-40 %), 目标 7: 达成, -1 vs 目标',
        '- Plan: complaints 10 → 8, 目标 7: 未达成, +1 vs 目标',
        '- Plan: complaints — → —, 目标 —: 无法判定（缺少基线或数据）',
      ],
    ],
    [
      'zh-TW',
      [
        '意見總數: 5 (-35)',
        '投訴數: 2 (-8)',
        '滿意度（1–5）: 3.33 (-0.17)',
        '淨推薦值 NPS: 0 (+20)',
        '投訴率: 40 % (+15 pp)',
        '時限達標率: 33.3 % (-46.7 pp)',
        '閉環率: 50 % (0 pp)',
        '結果告知率: 0 % (—)',
        '首次回應中位數（工作小時）: 2 (-1)',
      ],
      ['2. 服務態度: 1 (50 %)', '账务组: ', '前台: '],
      [
        '- Plan: complaints 10 → 6 (-40 %), 目標 7: 達成, -1 vs 目標',
        '- Plan: complaints 10 → 8, 目標 7: 未達成, +1 vs 目標',
        '- Plan: complaints — → —, 目標 —: 無法判定（缺少基線或數據）',
      ],
    ],
  ] as const)('is written in the staff language %s', async (staffLanguage, figures, names, plans) => {
    const { repository, mailer, service } = setup({
      config: config({ staffLanguage }),
      onComputed: {
        snapshotComputed: async () => [
          plan({ baseline: 10, actual: 6, goal: 7, met: true, change: -0.4 }),
          plan({ baseline: 10, actual: 8, goal: 7, met: false }),
          plan({}),
        ],
      },
    });
    repository.stored.set('2026-Q3', Q3);

    await service.runQuarterly(NEW_YEAR);

    const lines = summaryLines(mailer.sent[0]?.text ?? '');
    expect(lines.slice(1, 10)).toEqual(figures);
    for (const name of names) expect(lines.some((l) => l.startsWith(name))).toBe(true);
    expect(lines.slice(-4, -1)).toEqual(plans);
  });
});

describe('SnapshotService.get and list', () => {
  it('reads a stored period, none for a period never computed, and lists what is stored', async () => {
    const { repository, service } = setup();
    repository.stored.set('2026-Q3', Q3);
    await service.recompute('2026-Q4', NEW_YEAR);

    expect((await service.get('2026-Q3'))?.totals.feedback).toBe(40);
    expect(await service.get('2019-Q1')).toBeUndefined();
    expect((await service.list()).map((s) => s.period)).toEqual(['2026-Q3', '2026-Q4']);
  });
});

describe('keyFigures', () => {
  it('picks the figures compared period on period', () => {
    expect(keyFigures(Q3)).toEqual({
      feedback: 40,
      complaints: 10,
      csatAverage: 3.5,
      npsScore: -20,
      complaintRate: 0.25,
      slaCompliance: 0.8,
      closureRate: 0.5,
      notifiedRate: null,
      firstResponseMedianWorkingHours: 3,
    });
  });
});

// ---------------------------------------------------------------------------------------------

const timing = (median: number | null, p90: number | null, withinSla: number | null, count = 1) => ({
  clockHours: { median: median === null ? null : median + 1, p90: p90 === null ? null : p90 + 1, count },
  workingHours: { median, p90, count },
  withinSla,
});
const slice = {
  feedback: 3,
  complaints: 1,
  complaintRate: 0.3333,
  slaCompliance: 1,
  closureRate: 0,
  notifiedRate: null,
  firstResponseMedianHours: 1.5,
  csat: { average: 4, responses: 2 },
  nps: { score: 50, responses: 2 },
};
/** A month with one complaint: every section of the export has a row or two. */
const MONTH: Snapshot = {
  period: '2026-11',
  kind: 'month',
  from: '2026-10-31T16:00:00.000Z',
  to: '2026-11-30T16:00:00.000Z',
  timezone: 'Asia/Shanghai',
  asOf: '2026-12-01T00:00:00.000Z',
  computedAt: '2026-12-01T00:00:05.000Z',
  totals: { feedback: 3, complaints: 1, byType: { complaint: 1, praise: 2 } },
  csat: {
    average: 4,
    responses: 2,
    distribution: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 },
    satisfiedShare: 0.5,
    bySource: {
      intake: { average: 4, responses: 2 },
      followUp: { average: null, responses: 0 },
      campaign: { average: 5, responses: 1 },
    },
  },
  nps: { score: 50, responses: 2, promoters: 1, passives: 1, detractors: 0 },
  ces: { average: null, responses: 0 },
  complaintRate: 0.3333,
  firstResponseTime: timing(1.5, 2.5, 1),
  resolutionTime: timing(null, null, null, 0),
  slaCompliance: 1,
  closureRate: 0,
  notifiedRate: null,
  reopenRate: null,
  sentiment: { NONE: 3 },
  byChannel: {
    phone: { feedback: 1, complaints: 0, csatAverage: null },
    web: { ...slice, feedback: 2, csatAverage: 4 },
  },
  byServiceType: { counter: { feedback: 1, complaints: 0, csatAverage: null } },
  bySegment: {},
  byCategory: {},
  byTeam: { desk: slice },
  pareto: [
    { category: 'billing_payment', count: 4, share: 0.8, cumulativeShare: 0.8, vital: true },
    { category: 'delivery', count: 1, share: 0.2, cumulativeShare: 1, vital: false },
  ],
  topCategories: [{ category: 'billing_payment', count: 4, share: 0.8, cumulativeShare: 0.8, vital: true }],
  repeatComplaintCustomers: 0,
  previous: {
    period: '2026-10',
    figures: { ...keyFigures(Q3) },
    deltas: { feedback: -37, csatAverage: null },
  },
  readUnits: 3,
};

describe('snapshotCsv', () => {
  it('exports every section as section,key,value rows', async () => {
    const csv = await snapshotCsv(MONTH);

    expect(csv.split('\n')).toEqual([
      'section,key,value',
      'period,period,2026-11',
      'period,from,2026-10-31T16:00:00.000Z',
      'period,to,2026-11-30T16:00:00.000Z',
      'period,timezone,Asia/Shanghai',
      'period,asOf,2026-12-01T00:00:00.000Z',
      'period,computedAt,2026-12-01T00:00:05.000Z',
      'period,kind,month',
      'key figures,feedback,3',
      'key figures,complaints,1',
      'key figures,csatAverage,4',
      'key figures,npsScore,50',
      'key figures,complaintRate,0.3333',
      'key figures,slaCompliance,1',
      'key figures,closureRate,0',
      'key figures,notifiedRate,',
      'key figures,firstResponseMedianWorkingHours,1.5',
      'by type,complaint,1',
      'by type,praise,2',
      'csat distribution,1,0',
      'csat distribution,2,0',
      'csat distribution,3,1',
      'csat distribution,4,0',
      'csat distribution,5,1',
      'csat,satisfiedShare,0.5',
      'csat by source,intake average,4',
      'csat by source,intake responses,2',
      'csat by source,followUp average,',
      'csat by source,followUp responses,0',
      'csat by source,campaign average,5',
      'csat by source,campaign responses,1',
      'nps,score,50',
      'nps,responses,2',
      'nps,promoters,1',
      'nps,passives,1',
      'nps,detractors,0',
      'ces,average,',
      'first response,median clock hours,2.5',
      'first response,p90 clock hours,3.5',
      'first response,median working hours,1.5',
      'first response,p90 working hours,2.5',
      'first response,within SLA,1',
      'resolution,median clock hours,',
      'resolution,p90 clock hours,',
      'resolution,median working hours,',
      'resolution,p90 working hours,',
      'resolution,within SLA,',
      'rates,reopenRate,',
      'sentiment,NONE,3',
      'by channel,phone,1 feedback / 0 complaints / CSAT —',
      'by channel,web,2 feedback / 1 complaints / CSAT 4',
      'by team,desk feedback,3',
      'by team,desk complaints,1',
      'by team,desk complaintRate,0.3333',
      'by team,desk slaCompliance,1',
      'by team,desk closureRate,0',
      'by team,desk notifiedRate,',
      'by team,desk firstResponseMedianHours,1.5',
      'by team,desk csatAverage,4',
      'by team,desk csatResponses,2',
      'by team,desk npsScore,50',
      'by service type,counter feedback,1',
      'by service type,counter complaints,0',
      'pareto,billing_payment,"4 (0.8, cumulative 0.8, vital)"',
      'pareto,delivery,"1 (0.2, cumulative 1)"',
      'customers,repeatComplaintCustomers,0',
      'change since 2026-10,feedback,-37',
      'change since 2026-10,csatAverage,',
      '',
    ]);
  });

  it('exports a snapshot stored before v3 (no sources, no notified rate) without a previous one', async () => {
    const { csat, notifiedRate: _dropped, ...rest } = MONTH;
    const old = { ...rest, csat: { ...csat, bySource: undefined }, previous: null } as unknown as Snapshot;

    const rows = (await snapshotCsv(old)).split('\n');

    expect(rows).toContain('key figures,notifiedRate,');
    expect(rows.filter((r) => r.startsWith('csat by source') || r.startsWith('change since'))).toEqual([]);
    expect(rows.at(-2)).toBe('customers,repeatComplaintCustomers,0');
  });
});

describe('SnapshotService.runScheduledStep: a quarter over several runs', () => {
  const always = () => true;

  it('pauses after each page, keeps its counts in a checkpoint and ends with one run’s snapshot', async () => {
    // Prepare: the same five feedback, once read in one run and once in runs that pause after every page
    const single = setup();
    await single.service.runScheduled('quarter', NEW_YEAR);
    const checkpoints = new MemoryCheckpoints();
    const split = setup({ checkpoints });

    // Act: run until done, as the Step Functions loop does
    const outcomes = [
      await split.service.runScheduledStep('quarter', NEW_YEAR, { resume: false, shouldPause: always }),
    ];
    while (!outcomes.at(-1)?.done)
      outcomes.push(
        await split.service.runScheduledStep('quarter', NEW_YEAR, { resume: true, shouldPause: always }),
      );

    // Assess: four pauses (after feedback 1–4); the run that reads the last one has no time left
    // either, so it leaves the figures, the store and the email to a sixth run that reads nothing
    expect(outcomes.map((o) => [o.done, o.feedback, o.runs])).toEqual([
      [false, 1, 1],
      [false, 2, 2],
      [false, 3, 3],
      [false, 4, 4],
      [false, 5, 5],
      [true, 5, 6],
    ]);
    expect(outcomes[0]).toEqual({
      done: false,
      period: '2026-Q4',
      asOf: NEW_YEAR.toISOString(),
      feedback: 1,
      readUnits: 2.3,
      runs: 1,
    });
    // Every run's read units add up (2.25 each here), and the figures are the single run's
    const stored = split.repository.stored.get('2026-Q4');
    const once = single.repository.stored.get('2026-Q4');
    expect(stored?.readUnits).toBe(13.5);
    expect({ ...stored, readUnits: 0 }).toEqual({ ...once, readUnits: 0 });
    expect(keyFigures(stored as Snapshot)).toMatchObject({
      feedback: 5,
      complaints: 2,
      csatAverage: 3.33,
      npsScore: 0,
      slaCompliance: 0.3333,
      closureRate: 0.5,
      firstResponseMedianWorkingHours: 2,
    });
    expect(stored?.repeatComplaintCustomers).toBe(1);
    // Stored once, emailed once, and the checkpoint gone once the quarter is done
    expect(split.repository.puts).toHaveLength(1);
    expect(split.mailer.sent).toHaveLength(1);
    expect(checkpoints.saves).toBe(5);
    expect(checkpoints.objects.size).toBe(0);
  });

  it('counts nothing twice when a run is retried after it saved its checkpoint', async () => {
    // Prepare: two runs done, the second one retried (Step Functions retries with the same input)
    const checkpoints = new MemoryCheckpoints();
    const { service, repository } = setup({ checkpoints });
    const step = (resume: boolean) =>
      service.runScheduledStep('quarter', NEW_YEAR, { resume, shouldPause: always });
    await step(false);
    await step(true);

    // Act
    const retried = await step(true);
    let last = retried;
    while (!last.done) last = await step(true);

    // Assess: the retry went on from the newer checkpoint; every feedback counted once
    expect(retried).toMatchObject({ done: false, feedback: 3, runs: 3 });
    expect(last).toMatchObject({ done: true, feedback: 5, runs: 6 });
    expect(repository.stored.get('2026-Q4')?.totals).toMatchObject({ feedback: 5, complaints: 2 });
  });

  it('finishes in the run that reads the last page when that run still has time', async () => {
    // Prepare: time runs short after the first page only
    const checkpoints = new MemoryCheckpoints();
    const { service, mailer } = setup({ checkpoints });
    let asked = 0;
    const shortOnce = () => {
      asked += 1;
      return asked === 1;
    };

    // Act
    const first = await service.runScheduledStep('quarter', NEW_YEAR, {
      resume: false,
      shouldPause: shortOnce,
    });
    const second = await service.runScheduledStep('quarter', NEW_YEAR, {
      resume: true,
      shouldPause: shortOnce,
    });

    // Assess
    expect(first).toMatchObject({ done: false, feedback: 1, runs: 1 });
    expect(second).toMatchObject({ done: true, feedback: 5, runs: 2, emailed: true });
    expect(mailer.sent).toHaveLength(1);
    expect(checkpoints.objects.size).toBe(0);
  });

  it('starts afresh when the checkpoint it should resume from is gone', async () => {
    // Prepare: a continuing run whose checkpoint expired (or whose first run never saved one)
    const checkpoints = new MemoryCheckpoints();
    const { service, repository } = setup({ checkpoints });

    // Act
    const outcome = await service.runScheduledStep('quarter', NEW_YEAR, {
      resume: true,
      shouldPause: () => false,
    });

    // Assess
    expect(outcome).toMatchObject({ done: true, feedback: 5, runs: 1 });
    expect(repository.stored.get('2026-Q4')?.totals.feedback).toBe(5);
  });

  it('never pauses without a place to keep its counts', async () => {
    // Prepare
    const { service, mailer } = setup();

    // Act
    const outcome = await service.runScheduledStep('quarter', NEW_YEAR, {
      resume: false,
      shouldPause: always,
    });

    // Assess
    expect(outcome).toEqual({
      done: true,
      period: '2026-Q4',
      changed: true,
      emailed: true,
      feedback: 5,
      readUnits: 2.3,
      plansEvaluated: 0,
      runs: 1,
    });
    expect(mailer.sent).toHaveLength(1);
  });

  it('does not resume from a checkpoint of another asOf', async () => {
    // Prepare: a paused computation as of the new year; a later run of the same quarter as of another instant
    const checkpoints = new MemoryCheckpoints();
    const { service, repository } = setup({ checkpoints });
    await service.runScheduledStep('quarter', NEW_YEAR, { resume: false, shouldPause: always });
    const later = new Date(NEW_YEAR.getTime() + 3_600_000);

    // Act
    const outcome = await service.runScheduledStep('quarter', later, {
      resume: true,
      shouldPause: () => false,
    });

    // Assess: counted from the start, all five once; the earlier checkpoint is left to expire
    expect(outcome).toMatchObject({ done: true, feedback: 5, runs: 1 });
    expect(repository.stored.get('2026-Q4')?.asOf).toBe(later.toISOString());
    expect(checkpoints.objects.size).toBe(1);
  });
});
