import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';
import { type Plan, planCreateSchema } from '../../../shared/domain/plans.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { PlanRepository } from '../../../shared/ports/plan-repository.ts';
import { type Snapshot, snapshotSchema } from '../../../shared/schemas/snapshot.ts';
import { PlanService } from '../../../shared/services/plan-service.ts';

const fixture = (name: string): Snapshot =>
  snapshotSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../events/snapshots/${name}.json`, import.meta.url), 'utf8')),
  );

class MemoryPlans implements PlanRepository {
  readonly items = new Map<string, Plan>();
  async create(plan: Plan) {
    this.items.set(plan.id, structuredClone(plan));
  }
  async get(id: string) {
    return structuredClone(this.items.get(id));
  }
  async list(limit: number) {
    return [...this.items.values()].reverse().slice(0, limit);
  }
  async targeting(period: string) {
    return [...this.items.values()].filter((p) => p.targetPeriod === period).map((p) => structuredClone(p));
  }
  async save(previous: Plan, next: Plan) {
    if (this.items.get(previous.id)?.version !== previous.version) return false;
    this.items.set(next.id, structuredClone(next));
    return true;
  }
}

function setup(mailer: Mailer, now = '2026-11-24T02:00:00.000Z') {
  const plans = new MemoryPlans();
  const snapshots = new Map([
    ['2026-Q3', fixture('2026-Q3')],
    ['2026-Q4', fixture('2026-Q4')],
  ]);
  const service = new PlanService({
    plans,
    problems: { get: async () => undefined },
    snapshots: { get: async (p: string) => snapshots.get(p), list: async () => [...snapshots.values()] },
    mailer,
    config: parseStackConfig({ escalationEmails: ['lead@example.com'] }),
    publicBaseUrl: 'https://api.example.com',
    now: () => new Date(now),
  });
  return { plans, service };
}

const INPUT = planCreateSchema.parse({
  title: 'Fewer billing complaints',
  problem: 'Billing topped 2026-Q3',
  owner: 'owner@example.org',
  scope: { category: 'billing_payment' },
  metric: 'complaints',
  baselinePeriod: '2026-Q3',
  targetPeriod: '2026-Q4',
  goal: { direction: 'decrease', by: 0.3 },
  measures: ['Itemised bills'],
  public: true,
});

describe('PlanService', () => {
  it('reminds the owner of an unstarted plan once, and not again after a second run', async () => {
    // Prepare
    const sent: EmailMessage[] = [];
    const { service } = setup({ send: async (m) => (sent.push(m), { messageId: 'm-1' }) });
    await service.create(INPUT, 'staff:ana-1');

    // Act
    const first = await service.remindUnstarted('2026-Q4');
    const second = await service.remindUnstarted('2026-Q4');

    // Assess
    expect([first.reminded, second.reminded]).toEqual([1, 0]);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [['owner@example.org'], 'Improvement plan not started: Fewer billing complaints (2026-Q4)'],
    ]);
  });

  it('releases the reminder claim when sending fails, so the next run sends it', async () => {
    let fail = true;
    const sent: EmailMessage[] = [];
    const { service, plans } = setup({
      send: async (m) => {
        if (fail) throw new Error('SES down');
        sent.push(m);
        return { messageId: 'm-2' };
      },
    });
    const plan = await service.create(INPUT, 'staff:ana-1');

    await expect(service.remindUnstarted('2026-Q4')).rejects.toThrow('SES down');
    expect(plans.items.get(plan.id)?.reminderSentAt).toBeNull();
    fail = false;
    const retried = await service.remindUnstarted('2026-Q4');

    expect(retried.reminded).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('refuses an unknown problem with 404 and stores nothing', async () => {
    const { service, plans } = setup({ send: async () => ({ messageId: 'x' }) });

    await expect(
      service.create({ ...INPUT, problemId: '01JD0000000000000000000000' }, 'staff:ana-1'),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(plans.items.size).toBe(0);
  });

  it('builds the board from the previous quarter’s snapshot: resolved = complaints × closure rate', async () => {
    const { service } = setup({ send: async () => ({ messageId: 'x' }) });
    await service.create(INPUT, 'staff:ana-1');
    await service.create({ ...INPUT, title: 'Internal only', public: false }, 'staff:ana-1');

    const board = await service.board();

    expect(board.plans.map((p) => p.title)).toEqual(['Fewer billing complaints']);
    expect(board.resolved).toEqual({
      period: '2026-Q3',
      available: true,
      byCategory: [
        { category: 'billing_payment', label: 'Billing and payment', complaints: 8, resolved: 4 },
        { category: 'staff_attitude', label: 'Staff attitude', complaints: 2, resolved: 2 },
      ],
    });
    expect(JSON.stringify(board)).not.toContain('owner@example.org');
  });
});
