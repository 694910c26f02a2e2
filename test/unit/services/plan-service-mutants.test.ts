import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStackConfig, type StackConfig } from '../../../shared/config/stack-config.ts';
import { type Plan, type PlanCreate, planCreateSchema } from '../../../shared/domain/plans.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { PlanRepository } from '../../../shared/ports/plan-repository.ts';
import type { Channel } from '../../../shared/schemas/common.ts';
import { type Snapshot, snapshotSchema } from '../../../shared/schemas/snapshot.ts';
import { PlanService, scopeLabel } from '../../../shared/services/plan-service.ts';

const fixture = (name: string): Snapshot =>
  snapshotSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../events/snapshots/${name}.json`, import.meta.url), 'utf8')),
  );

const NOW = '2026-11-24T02:00:00.000Z';
const LATER = '2027-01-01T01:00:10.000Z';
const OWNER = 'owner@example.org';

/**
 * Plans in memory with the repository's version check. `beforeSave` lets a test play a
 * concurrent writer: it runs before the version check and may change the stored plan.
 */
class MemoryPlans implements PlanRepository {
  readonly items = new Map<string, Plan>();
  readonly listCalls: { limit: number; teams: readonly string[] | undefined }[] = [];
  saves = 0;
  gets = 0;
  beforeSave: ((previous: Plan, next: Plan) => void) | undefined;
  async create(plan: Plan) {
    this.items.set(plan.id, structuredClone(plan));
  }
  async get(id: string) {
    this.gets += 1;
    return structuredClone(this.items.get(id));
  }
  async list(limit: number, teams?: readonly string[]) {
    this.listCalls.push({ limit, teams });
    return [...this.items.values()]
      .reverse()
      .filter((p) => !teams || (p.team !== null && teams.includes(p.team)))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }
  async targeting(period: string) {
    return [...this.items.values()].filter((p) => p.targetPeriod === period).map((p) => structuredClone(p));
  }
  async save(previous: Plan, next: Plan) {
    this.saves += 1;
    this.beforeSave?.(previous, next);
    if (this.items.get(previous.id)?.version !== previous.version) return false;
    this.items.set(next.id, structuredClone(next));
    return true;
  }
}

function recordingMailer(failures = 0) {
  const sent: EmailMessage[] = [];
  let left = failures;
  const mailer: Mailer = {
    send: async (message) => {
      if (left > 0) {
        left -= 1;
        throw new Error('SES down');
      }
      sent.push(message);
      return { messageId: `m-${sent.length}` };
    },
  };
  return { mailer, sent };
}

const TEAMS_CONFIG = parseStackConfig({
  escalationEmails: ['lead@example.com'],
  teams: [
    { id: 'front', name: { en: 'Front', zh: '前台' }, leadEmails: ['front@example.org'] },
    {
      id: 'billing',
      name: { en: 'Billing', zh: '账务' },
      leadEmails: ['billing@example.org'],
      categories: ['billing_payment'],
    },
    {
      id: 'field',
      name: { en: 'Field', zh: '现场' },
      leadEmails: ['field@example.org'],
      channels: ['phone'],
    },
  ],
});

interface SetupOptions {
  config?: StackConfig;
  now?: string | null;
  snapshots?: Snapshot[];
  problems?: string[];
  mailer?: Mailer;
}

function setup(options: SetupOptions = {}) {
  const plans = new MemoryPlans();
  const stored = new Map(
    (options.snapshots ?? [fixture('2026-Q3'), fixture('2026-Q4')]).map((s) => [s.period, s]),
  );
  const snapshotGets: string[] = [];
  const problemGets: string[] = [];
  const { mailer, sent } = recordingMailer();
  const service = new PlanService({
    plans,
    problems: {
      get: async (id: string) => {
        problemGets.push(id);
        return options.problems?.includes(id) ? ({ id } as never) : undefined;
      },
    },
    snapshots: {
      get: async (period: string) => {
        snapshotGets.push(period);
        return stored.get(period);
      },
      list: async () => [...stored.values()],
    },
    mailer: options.mailer ?? mailer,
    config: options.config ?? TEAMS_CONFIG,
    publicBaseUrl: 'https://api.example.com',
    ...(options.now === null ? {} : { now: () => new Date(options.now ?? NOW) }),
  });
  return { plans, service, sent, snapshotGets, problemGets, stored };
}

const INPUT: PlanCreate = planCreateSchema.parse({
  title: 'Fewer billing complaints',
  problem: 'Billing topped 2026-Q3',
  owner: OWNER,
  scope: { category: 'billing_payment' },
  metric: 'complaints',
  baselinePeriod: '2026-Q3',
  targetPeriod: '2026-Q4',
  goal: { direction: 'decrease', by: 0.3 },
  measures: ['Itemised bills'],
  public: true,
});

/** Stores a plan as it would be after its history so far (stage, evaluation, version). */
async function seed(
  plans: MemoryPlans,
  service: PlanService,
  changes: Partial<Plan> = {},
  input: PlanCreate = INPUT,
): Promise<Plan> {
  const created = await service.create(input, 'staff:ana-1');
  const plan = { ...created, ...changes };
  plans.items.set(plan.id, structuredClone(plan));
  return plan;
}

/** The billing plan's check by the fixtures: 8 complaints in Q3, 6 in Q4, goal 8 − 0.3 × 8. */
const Q4_EVALUATION = {
  period: '2026-Q4',
  baselinePeriod: '2026-Q3',
  baseline: 8,
  actual: 6,
  goal: 5.6,
  met: false,
  change: -0.25,
  snapshotAsOf: '2027-01-01T01:00:00.000Z',
};

/** The Q4 fixture with the billing category's complaints (and so the plan's actual) changed. */
function q4WithBillingComplaints(complaints: number): Snapshot {
  const snapshot = fixture('2026-Q4');
  const billing = snapshot.byCategory.billing_payment;
  if (!billing) throw new Error('fixture lacks billing_payment');
  snapshot.byCategory.billing_payment = { ...billing, complaints };
  return snapshot;
}

describe('scopeLabel', () => {
  it.each([
    [{ category: 'safety' }, 'category: safety'],
    [{ team: 'service-desk' }, 'team: service-desk'],
    [{ channel: 'web' as const }, 'channel: web'],
    [{}, ''],
    [{ category: undefined, team: 'field' }, 'team: field'],
    [{ category: 'safety', channel: 'phone' as const }, 'category: safety, channel: phone'],
  ])('labels %j as %j', (scope, label) => {
    expect(scopeLabel(scope)).toBe(label);
  });
});

describe('PlanService.create', () => {
  it('stores a new plan in stage plan, stamped with the injected clock and the team its category routes to', async () => {
    // Prepare
    const { service, plans } = setup();
    const teamsAsked: (string | null)[] = [];

    // Act
    const plan = await service.create(INPUT, 'staff:ana-1', (team) => teamsAsked.push(team));

    // Assess
    expect(teamsAsked).toEqual(['billing']);
    expect(plans.items.get(plan.id)).toEqual(plan);
    expect(plan).toMatchObject({
      stage: 'plan',
      team: 'billing',
      owner: OWNER,
      createdAt: NOW,
      updatedAt: NOW,
      version: 1,
      evaluation: null,
      history: [{ at: NOW, action: 'created', actor: 'staff:ana-1' }],
    });
  });

  it('uses the real clock when none is injected', async () => {
    const { service } = setup({ now: null });
    const before = Date.now();

    const plan = await service.create(INPUT, 'staff:ana-1');

    expect(Date.parse(plan.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(plan.createdAt)).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['a team scope', { team: 'field' }, 'field'],
    ['a channel scope, by the team taking that channel', { channel: 'phone' as Channel }, 'field'],
    ['a channel no team takes, by the first team', { channel: 'web' as Channel }, 'front'],
    ['a category no team takes, by the first team', { category: 'safety' }, 'front'],
    ['the whole quarter, by no team', {}, null],
  ])('gives a plan for %s its team', async (_, scope, team) => {
    const { service } = setup();

    const plan = await service.create({ ...INPUT, scope }, 'staff:ana-1');

    expect(plan.team).toBe(team);
  });

  it('routes a category scope of the default configuration to the default team', async () => {
    const { service } = setup({ config: parseStackConfig({ escalationEmails: ['lead@example.com'] }) });

    const plan = await service.create(INPUT, 'staff:ana-1');

    expect(plan.team).toBe('service-desk');
  });

  it.each([
    ['category', { category: 'nope' }, 'Unknown category nope.', 'scope.category'],
    ['team', { team: 'nope' }, 'Unknown team nope.', 'scope.team'],
    ['channel', { channel: 'fax' as Channel }, 'Unknown channel fax.', 'scope.channel'],
  ])('refuses an unknown %s with 400 and stores nothing', async (_, scope, message, path) => {
    const { service, plans } = setup();

    const attempt = service.create({ ...INPUT, scope }, 'staff:ana-1');

    await expect(attempt).rejects.toMatchObject({
      code: 'validation_error',
      message,
      issues: [{ path, message: 'not configured' }],
    });
    expect(plans.items.size).toBe(0);
  });

  it('refuses a scope naming two slices with 400', async () => {
    const { service, plans } = setup();

    const attempt = service.create(
      { ...INPUT, scope: { category: 'billing_payment', team: 'billing' } },
      'x',
    );

    await expect(attempt).rejects.toMatchObject({ code: 'validation_error', issues: [{ path: 'scope' }] });
    expect(plans.items.size).toBe(0);
  });

  it.each([
    ['the same quarter', '2026-Q3'],
    ['an earlier quarter', '2026-Q2'],
  ])('refuses a target in %s as the baseline with 400 and stores nothing', async (_, targetPeriod) => {
    const { service, plans } = setup();
    const asked: (string | null)[] = [];

    const attempt = service.create({ ...INPUT, targetPeriod }, 'staff:ana-1', (team) => asked.push(team));

    await expect(attempt).rejects.toMatchObject({
      code: 'validation_error',
      message: 'The target period must come after the baseline period.',
      issues: [{ path: 'targetPeriod', message: 'must come after 2026-Q3' }],
    });
    expect(asked).toEqual([]);
    expect(plans.items.size).toBe(0);
  });

  it('accepts the quarter right after the baseline', async () => {
    const { service } = setup();

    const plan = await service.create({ ...INPUT, baselinePeriod: '2026-Q4', targetPeriod: '2027-Q1' }, 'x');

    expect(plan.targetPeriod).toBe('2027-Q1');
  });

  it('stores nothing when the caller may not create for the team', async () => {
    const { service, plans } = setup();

    const attempt = service.create(INPUT, 'staff:lee-1', () => {
      throw new Error('forbidden');
    });

    await expect(attempt).rejects.toThrow('forbidden');
    expect(plans.items.size).toBe(0);
  });

  it('refuses an unknown problem with 404 "No problem was found." and links a known one', async () => {
    const known = '01JD0000000000000000000001';
    const { service, plans } = setup({ problems: [known] });

    const unknown = service.create({ ...INPUT, problemId: '01JD0000000000000000000000' }, 'x');
    await expect(unknown).rejects.toMatchObject({ code: 'not_found', message: 'No problem was found.' });
    const linked = await service.create({ ...INPUT, problemId: known }, 'x');

    expect(linked.problemId).toBe(known);
    expect([...plans.items.keys()]).toEqual([linked.id]);
  });
});

describe('PlanService reads', () => {
  it('gets a stored plan, and refuses an unknown id with 404 "No plan was found."', async () => {
    const { service } = setup();
    const plan = await service.create(INPUT, 'x');

    expect(await service.get(plan.id)).toEqual(plan);
    await expect(service.get('01JD0000000000000000000000')).rejects.toMatchObject({
      code: 'not_found',
      message: 'No plan was found.',
    });
  });

  it('lists the newest 200 plans, only those of a lead’s teams when given', async () => {
    const { service, plans } = setup();
    const billing = await service.create(INPUT, 'x');
    const field = await service.create({ ...INPUT, title: 'Phone', scope: { channel: 'phone' } }, 'x');
    await service.create({ ...INPUT, title: 'Whole quarter', scope: {} }, 'x');

    const lead = await service.list(['field', 'billing']);
    const other = await service.list(['front']);

    expect(lead.map((p) => p.id)).toEqual([field.id, billing.id]);
    expect(other).toEqual([]);
    expect(plans.listCalls).toEqual([
      { limit: 200, teams: ['field', 'billing'] },
      { limit: 200, teams: ['front'] },
    ]);
  });

  it('lists every plan to a caller without team restriction', async () => {
    const { service } = setup();
    await service.create(INPUT, 'x');
    await service.create({ ...INPUT, title: 'Whole quarter', scope: {} }, 'x');

    const all = await service.list();

    expect(all.map((p) => p.title)).toEqual(['Whole quarter', 'Fewer billing complaints']);
  });

  it('traces the plan’s metric in its scope through every stored snapshot, oldest first', async () => {
    const { service } = setup();
    const plan = await service.create(INPUT, 'x');

    expect(await service.trend(plan)).toEqual([
      { period: '2026-Q3', value: 8 },
      { period: '2026-Q4', value: 6 },
    ]);
  });

  it('gives the category labels in every language', () => {
    const { service } = setup();

    const labels = service.categoryLabels();

    expect(labels.get('billing_payment')).toEqual({
      en: 'Billing and payment',
      zh: '账单与支付',
      'zh-TW': '帳單與支付',
    });
    expect(labels.get('staff_attitude')?.en).toBe('Staff attitude');
  });
});

describe('PlanService.act', () => {
  it('starts a plan: stage do, one history entry, version and updatedAt advanced and stored', async () => {
    const { service, plans } = setup();
    const plan = await service.create(INPUT, 'staff:ana-1');

    const started = await service.act(plan.id, { action: 'start', note: 'Go' }, 'staff:bo-2');

    expect(started).toMatchObject({ stage: 'do', version: 2, updatedAt: NOW });
    expect(started.history).toEqual([
      { at: NOW, action: 'created', actor: 'staff:ana-1' },
      { at: NOW, action: 'start', actor: 'staff:bo-2', from: 'plan', to: 'do', note: 'Go' },
    ]);
    expect(plans.items.get(plan.id)).toEqual(started);
  });

  it.each([
    ['adopt', 'plan'],
    ['close', 'plan'],
    ['start', 'do'],
    ['revise', 'do'],
  ] as const)('refuses to %s a plan in stage %s with 409 and stores nothing', async (action, stage) => {
    const { service, plans } = setup();
    const plan = await seed(plans, service, { stage });

    await expect(service.act(plan.id, { action }, 'x')).rejects.toMatchObject({ code: 'invalid_transition' });

    expect(plans.items.get(plan.id)).toEqual(plan);
    expect(plans.saves).toBe(0);
  });

  it('refuses with 409 "conflict" when someone saved the plan meanwhile', async () => {
    const { service, plans } = setup();
    const plan = await service.create(INPUT, 'x');
    plans.beforeSave = (previous) => {
      const stored = plans.items.get(previous.id);
      if (stored) plans.items.set(previous.id, { ...stored, version: stored.version + 1 });
    };

    await expect(service.act(plan.id, { action: 'start' }, 'x')).rejects.toMatchObject({
      code: 'conflict',
      message: 'The plan was changed by someone else meanwhile. Reload it and try again.',
    });
    expect(plans.items.get(plan.id)?.stage).toBe('plan');
  });

  it('refuses an action on an unknown plan with 404', async () => {
    const { service } = setup();

    await expect(service.act('01JD0000000000000000000000', { action: 'start' }, 'x')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('PlanService.snapshotComputed', () => {
  it('moves a plan in do to check with the evaluation from both quarters, and lists it (one write, no re-read)', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage: 'do', version: 2 });
    plans.gets = 0;

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([
      {
        id: plan.id,
        title: 'Fewer billing complaints',
        metric: 'complaints',
        scope: 'category: billing_payment',
        baseline: 8,
        actual: 6,
        goal: 5.6,
        met: false,
        change: -0.25,
      },
    ]);
    expect([plans.saves, plans.gets]).toEqual([1, 0]);
    const saved = plans.items.get(plan.id);
    expect(saved).toMatchObject({
      stage: 'check',
      version: 3,
      updatedAt: LATER,
      evaluation: { ...Q4_EVALUATION, evaluatedAt: LATER },
    });
    expect(saved?.history.slice(1)).toEqual([
      {
        at: LATER,
        action: 'check',
        actor: 'system',
        from: 'do',
        to: 'check',
        evaluation: { ...Q4_EVALUATION, evaluatedAt: LATER },
      },
    ]);
  });

  it('recomputing with the same figures writes nothing and still lists the plan', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const earlier = { ...Q4_EVALUATION, evaluatedAt: '2027-01-01T01:00:06.000Z' };
    const plan = await seed(plans, service, { stage: 'check', version: 3, evaluation: earlier });

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([
      {
        id: plan.id,
        title: 'Fewer billing complaints',
        metric: 'complaints',
        scope: 'category: billing_payment',
        baseline: 8,
        actual: 6,
        goal: 5.6,
        met: false,
        change: -0.25,
      },
    ]);
    expect(plans.saves).toBe(0);
    expect(plans.items.get(plan.id)).toEqual(plan);
  });

  it.each([
    ['check', null],
    ['act', 'adopt'],
  ] as const)('records exactly one re_evaluate entry for a plan in %s when the figures changed', async (stage, decision) => {
    const { service, plans } = setup({ now: LATER });
    const earlier = { ...Q4_EVALUATION, evaluatedAt: '2027-01-01T01:00:06.000Z' };
    const plan = await seed(plans, service, { stage, decision, version: 4, evaluation: earlier });
    const changed = q4WithBillingComplaints(5);

    const lines = await service.snapshotComputed(changed);
    const again = await service.snapshotComputed(changed);

    const evaluation = { ...Q4_EVALUATION, actual: 5, met: true, change: -0.375, evaluatedAt: LATER };
    const line = { actual: 5, met: true, change: -0.375, baseline: 8, goal: 5.6 };
    expect(lines).toEqual([expect.objectContaining({ id: plan.id, ...line })]);
    expect(again).toEqual([expect.objectContaining({ id: plan.id, ...line })]);
    const saved = plans.items.get(plan.id);
    expect(saved).toMatchObject({ stage, version: 5, updatedAt: LATER, evaluation });
    expect(saved?.history.slice(1)).toEqual([
      { at: LATER, action: 're_evaluate', actor: 'system', previous: earlier, evaluation },
    ]);
    expect(plans.saves).toBe(1);
  });

  it.each([
    ['plan', null],
    ['closed', 'adopt'],
  ] as const)('leaves a plan in %s alone', async (stage, decision) => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage, decision });

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([]);
    expect(plans.saves).toBe(0);
    expect(plans.items.get(plan.id)).toEqual(plan);
  });

  it('gives null baseline and verdict when the baseline quarter has no snapshot', async () => {
    const { service, plans } = setup({ now: LATER, snapshots: [fixture('2026-Q4')] });
    await seed(plans, service, { stage: 'do' });

    const lines = await service.snapshotComputed(fixture('2026-Q4'));

    expect(lines).toEqual([
      expect.objectContaining({ baseline: null, actual: 6, goal: null, met: null, change: null }),
    ]);
  });

  it('reads each baseline snapshot once for all the plans it checks', async () => {
    const { service, plans, stored, snapshotGets } = setup({ now: LATER });
    const billing = await seed(plans, service, { stage: 'do' });
    const whole = await seed(plans, service, { stage: 'do' }, { ...INPUT, title: 'All', scope: {} });

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(snapshotGets).toEqual(['2026-Q3']);
    expect(lines.map((l) => [l.id, l.baseline, l.actual])).toEqual([
      [billing.id, 8, 6],
      [whole.id, 10, 6],
    ]);
  });

  it('retries after a concurrent save and lists the plan once, from what the other writer stored', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage: 'do', version: 2 });
    const other = {
      ...plan,
      stage: 'check' as const,
      version: 3,
      evaluation: { ...Q4_EVALUATION, evaluatedAt: '2027-01-01T01:00:09.000Z' },
    };
    plans.beforeSave = () => {
      plans.beforeSave = undefined;
      plans.items.set(plan.id, structuredClone(other));
    };

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([expect.objectContaining({ id: plan.id, actual: 6, met: false })]);
    expect(plans.saves).toBe(1);
    expect(plans.items.get(plan.id)).toEqual(other);
  });

  it('retries after a concurrent start and saves on the second attempt', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage: 'do', version: 2 });
    plans.beforeSave = () => {
      plans.beforeSave = undefined;
      const current = plans.items.get(plan.id) as Plan;
      plans.items.set(plan.id, { ...current, version: 3, measures: ['Itemised bills', 'Call-backs'] });
    };

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toHaveLength(1);
    expect(plans.saves).toBe(2);
    expect(plans.items.get(plan.id)).toMatchObject({
      stage: 'check',
      version: 4,
      measures: ['Itemised bills', 'Call-backs'],
    });
  });

  it('skips a plan revised to a later target meanwhile', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage: 'do', version: 2 });
    const revised = { ...plan, stage: 'act' as const, targetPeriod: '2027-Q1', version: 3 };
    plans.beforeSave = () => {
      plans.beforeSave = undefined;
      plans.items.set(plan.id, structuredClone(revised));
    };

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([]);
    expect(plans.saves).toBe(1);
    expect(plans.items.get(plan.id)).toEqual(revised);
  });

  it('skips a plan deleted meanwhile', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage: 'do' });
    plans.beforeSave = () => {
      plans.items.delete(plan.id);
    };

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([]);
    expect(plans.saves).toBe(1);
  });

  it('gives up on a plan after five refused saves', async () => {
    const { service, plans, stored } = setup({ now: LATER });
    const plan = await seed(plans, service, { stage: 'do' });
    plans.beforeSave = () => {
      const current = plans.items.get(plan.id) as Plan;
      plans.items.set(plan.id, { ...current, version: current.version + 1 });
    };

    const lines = await service.snapshotComputed(stored.get('2026-Q4') as Snapshot);

    expect(lines).toEqual([]);
    expect(plans.saves).toBe(5);
    expect(plans.items.get(plan.id)?.stage).toBe('do');
  });
});

describe('PlanService.remindUnstarted', () => {
  it('claims the plan before sending: reminderSentAt, a remind_owner entry and the next version', async () => {
    const { service, plans, sent } = setup();
    const plan = await service.create(INPUT, 'staff:ana-1');

    const result = await service.remindUnstarted('2026-Q4');

    expect(result).toEqual({ reminded: 1 });
    expect(plans.items.get(plan.id)).toMatchObject({ reminderSentAt: NOW, updatedAt: NOW, version: 2 });
    expect(plans.items.get(plan.id)?.history.slice(1)).toEqual([
      { at: NOW, action: 'remind_owner', actor: 'system', targetPeriod: '2026-Q4' },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([OWNER]);
    expect(sent[0]?.tags).toEqual({ kind: 'plan-reminder' });
    expect(sent[0]?.text).toContain('(complaints, category: billing_payment)');
    expect(sent[0]?.text).toContain(`Open the plan: https://api.example.com/console/plans/${plan.id}`);
  });

  it('links the configured console, without its trailing slashes, in the staff language', async () => {
    const config = {
      ...TEAMS_CONFIG,
      consoleUrl: 'https://console.example.org//',
      staffLanguage: 'zh' as const,
    };
    const { service, sent } = setup({ config });
    const plan = await service.create(INPUT, 'x');

    await service.remindUnstarted('2026-Q4');

    expect(sent[0]?.subject).toBe('改进计划尚未启动：Fewer billing complaints（2026-Q4）');
    expect(sent[0]?.text).toContain(`查看计划: https://console.example.org/plans/${plan.id}`);
  });

  it.each([
    ['started', { stage: 'do' as const }],
    ['already reminded', { reminderSentAt: '2026-10-01T01:00:00.000Z' }],
  ])('does not remind the owner of a plan %s', async (_, changes) => {
    const { service, plans, sent } = setup();
    await seed(plans, service, changes);

    const result = await service.remindUnstarted('2026-Q4');

    expect(result).toEqual({ reminded: 0 });
    expect(sent).toEqual([]);
    expect(plans.saves).toBe(0);
  });

  it('sends nothing when another run claimed the plan first', async () => {
    const { service, plans, sent } = setup();
    const plan = await service.create(INPUT, 'x');
    plans.beforeSave = () => {
      const current = plans.items.get(plan.id) as Plan;
      plans.items.set(plan.id, { ...current, version: 2, reminderSentAt: NOW });
    };

    const result = await service.remindUnstarted('2026-Q4');

    expect(result).toEqual({ reminded: 0 });
    expect(sent).toEqual([]);
  });

  it('releases the claim with a newer version when sending fails', async () => {
    const { mailer, sent } = recordingMailer(1);
    const { service, plans } = setup({ mailer });
    const plan = await service.create(INPUT, 'x');

    await expect(service.remindUnstarted('2026-Q4')).rejects.toThrow('SES down');

    expect(plans.items.get(plan.id)).toEqual({ ...plan, version: 3 });
    expect(await service.remindUnstarted('2026-Q4')).toEqual({ reminded: 1 });
    expect(sent).toHaveLength(1);
  });
});

describe('PlanService.board', () => {
  it('shows the previous calendar quarter in the configured timezone (Shanghai: already Q4 at 17:00 UTC on 30 Sep)', async () => {
    const { service, snapshotGets } = setup({ now: '2026-09-30T17:00:00.000Z' });

    const board = await service.board();

    expect(board.resolved.period).toBe('2026-Q3');
    expect(snapshotGets).toEqual(['2026-Q3']);
  });

  it('says the resolved counts are not available before the previous quarter’s snapshot exists', async () => {
    const { service } = setup({ snapshots: [] });

    const board = await service.board();

    expect(board).toEqual({ plans: [], resolved: { period: '2026-Q3', available: false, byCategory: [] } });
  });

  it('lists public plans only, without personal data, from the newest 200', async () => {
    const { service, plans } = setup();
    const shown = await service.create(INPUT, 'staff:ana-1');
    await service.create({ ...INPUT, title: 'Internal', public: false }, 'staff:ana-1');
    await service.create({ ...INPUT, title: 'Default', public: undefined }, 'staff:ana-1');

    const board = await service.board();

    expect(board.plans).toEqual([
      {
        id: shown.id,
        title: 'Fewer billing complaints',
        stage: 'plan',
        scope: { category: 'billing_payment' },
        metric: 'complaints',
        targetPeriod: '2026-Q4',
        goal: { direction: 'decrease', by: 0.3 },
        measures: ['Itemised bills'],
        evaluation: null,
      },
    ]);
    expect(plans.listCalls).toEqual([{ limit: 200, teams: undefined }]);
  });

  it('orders categories by complaints resolved, then by id; leaves out those without complaints; labels a retired one by its id', async () => {
    const q3 = fixture('2026-Q3');
    const slice = q3.byCategory.billing_payment;
    if (!slice) throw new Error('fixture lacks billing_payment');
    q3.byCategory = {
      staff_attitude: { ...slice, complaints: 2, closureRate: 1 },
      waiting_time: { ...slice, complaints: 8, closureRate: 0.5 },
      safety: { ...slice, feedback: 3, complaints: 0, closureRate: null },
      retired_topic: { ...slice, complaints: 3, closureRate: null },
      delivery: { ...slice, complaints: 4, closureRate: 0.5 },
      billing_payment: { ...slice, complaints: 5, closureRate: 0.8 },
    };
    const { service } = setup({ snapshots: [q3] });

    const board = await service.board();

    expect(board.resolved).toEqual({
      period: '2026-Q3',
      available: true,
      byCategory: [
        { category: 'billing_payment', label: 'Billing and payment', complaints: 5, resolved: 4 },
        { category: 'waiting_time', label: 'Waiting and response time', complaints: 8, resolved: 4 },
        { category: 'delivery', label: 'Delivery', complaints: 4, resolved: 2 },
        { category: 'staff_attitude', label: 'Staff attitude', complaints: 2, resolved: 2 },
        { category: 'retired_topic', label: 'retired_topic', complaints: 3, resolved: 0 },
      ],
    });
  });
});
