import { describe, expect, it } from 'vitest';
import { stackConfigSchema } from '../../../shared/config/stack-config.ts';
import type { HotTopicRecord } from '../../../shared/domain/hot-topics.ts';
import type { Problem } from '../../../shared/domain/problems.ts';
import type { ProblemRepository } from '../../../shared/ports/problem-repository.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { type FeedbackAccess, ProblemService } from '../../../shared/services/problem-service.ts';
import { MemoryFeedbackRepository } from '../../helpers/memory-repository.ts';
import { openFeedback } from '../../helpers/records.ts';

const config = stackConfigSchema.parse({ tableName: 'T', publicBaseUrl: 'https://f.example.com' });
const received = '2026-11-23T02:00:00.000Z';
const NOW = '2026-11-24T02:00:00.000Z';
const now = new Date(NOW);
const lead = 'staff:lead@example.com';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

type Change<T> = (stored: T) => T | undefined;

/**
 * The feedback store of the service tests, plus what a user cannot see but pays for: every read,
 * the most reads in flight at once, and changes "someone else" makes just before a save
 * (a version bump, a link to another problem, a deletion).
 */
class WatchedFeedback extends MemoryFeedbackRepository {
  readonly reads: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly meanwhile = new Map<string, Change<FeedbackRecord>[]>();

  override async get(id: string): Promise<FeedbackRecord | undefined> {
    this.reads.push(id);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight -= 1;
    return super.get(id);
  }

  override async saveChanges(previous: FeedbackRecord, next: FeedbackRecord): Promise<boolean> {
    const change = this.meanwhile.get(previous.id)?.shift();
    const stored = this.records.get(previous.id);
    if (change && stored) {
      const changed = change(stored);
      if (changed) this.records.set(previous.id, changed);
      else this.records.delete(previous.id);
    }
    return super.saveChanges(previous, next);
  }

  /** Someone else changes the feedback `times` times, each just before this service saves it. */
  interfere(id: string, times: number, change: Change<FeedbackRecord> = bump): void {
    this.meanwhile.set(
      id,
      Array.from({ length: times }, () => change),
    );
  }
}

const bump = <T extends { version: number }>(stored: T): T => ({ ...stored, version: stored.version + 1 });

/** Problems in memory, saved like the DynamoDB adapter: `next` as given, only at `previous.version`. */
class MemoryProblems implements ProblemRepository {
  readonly items = new Map<string, Problem>();
  readonly created: Problem[] = [];
  readonly saved: Problem[] = [];
  readonly listed: [number, readonly string[] | undefined][] = [];
  readonly meanwhile: Change<Problem>[] = [];

  async create(problem: Problem): Promise<void> {
    if (this.items.has(problem.id)) throw new Error(`problem ${problem.id} exists`);
    this.items.set(problem.id, problem);
    this.created.push(problem);
  }

  async get(id: string): Promise<Problem | undefined> {
    return this.items.get(id);
  }

  async list(limit: number, teams?: readonly string[]): Promise<Problem[]> {
    this.listed.push([limit, teams]);
    return [...this.items.values()];
  }

  async save(previous: Problem, next: Problem): Promise<boolean> {
    const change = this.meanwhile.shift();
    const before = this.items.get(previous.id);
    if (change && before) this.items.set(previous.id, change(before) ?? before);
    if (this.items.get(previous.id)?.version !== previous.version) return false;
    this.items.set(next.id, next);
    this.saved.push(next);
    return true;
  }

  /** Someone else changes the problem `times` times, each just before this service saves it. */
  interfere(times: number, change: Change<Problem> = bump): void {
    for (let i = 0; i < times; i += 1) this.meanwhile.push(change);
  }
}

const hotTopic: HotTopicRecord = {
  id: 'HT-20261124T000000Z-Y2F0ZWdvcnk6Y2FyZHM',
  kind: 'category',
  key: 'cards',
  count: 6,
  expected: 0.4,
  windowStart: '2026-11-23T20:00:00.000Z',
  windowEnd: '2026-11-24T02:00:00.000Z',
  detectedAt: '2026-11-24T01:45:00.000Z',
  feedbackIds: ['FB-B', 'FB-C'],
};

function feedback(id: string, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return openFeedback('P2', received, { id, ...overrides });
}

function setup(records: FeedbackRecord[] = [], withClock = true) {
  const problems = new MemoryProblems();
  const store = new WatchedFeedback(...records);
  const reports = new Map([[hotTopic.id, hotTopic]]);
  const service = new ProblemService({
    problems,
    feedback: store.asRepository(),
    hotTopics: { getReport: async (id: string) => reports.get(id) },
    config,
    ...(withClock ? { now: () => now } : {}),
  });
  return { problems, store, service };
}

/** A stored problem with its fields spelt out (version 1 unless told). */
function storedProblem(overrides: Partial<Problem> = {}): Problem {
  return {
    id: '01JDQ3ZK6V7M000000000000PB',
    title: 'Card readers eat cards',
    description: null,
    status: 'open',
    feedbackIds: [],
    linked: 0,
    teams: [],
    fromHotTopic: null,
    rootCause: null,
    resolution: null,
    resolvedFeedback: 0,
    createdAt: '2026-11-23T00:00:00.000Z',
    updatedAt: '2026-11-23T00:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    history: [{ at: '2026-11-23T00:00:00.000Z', action: 'created', actor: lead }],
    version: 1,
    ...overrides,
  };
}

const PB = '01JDQ3ZK6V7M000000000000PB';

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return { ...(error as object), message: (error as Error).message };
  }
  throw new Error('expected a rejection');
}

describe('problem service: create', () => {
  it('stores an open problem with no feedback under the creating lead’s teams', async () => {
    // Prepare
    const { problems, store, service } = setup();

    // Act
    const problem = await service.create(
      { title: 'Card readers eat cards', description: 'Since Monday' },
      lead,
      undefined,
      ['north'],
    );

    // Assess
    expect(problem.id).toMatch(ULID);
    expect(problem).toEqual({
      id: problem.id,
      title: 'Card readers eat cards',
      description: 'Since Monday',
      status: 'open',
      feedbackIds: [],
      linked: 0,
      teams: ['north'],
      fromHotTopic: null,
      rootCause: null,
      resolution: null,
      resolvedFeedback: 0,
      createdAt: NOW,
      updatedAt: NOW,
      resolvedAt: null,
      closedAt: null,
      history: [{ at: NOW, action: 'created', actor: lead }],
      version: 1,
    });
    expect(problems.created).toEqual([problem]);
    expect(problems.saved).toEqual([]);
    expect(store.writes).toEqual([]);
  });

  it('belongs to no team when the creator names none', async () => {
    // Prepare
    const { service } = setup();

    // Act
    const problem = await service.create({ title: 'Queues' }, lead);

    // Assess
    expect(problem.teams).toEqual([]);
    expect(problem.feedbackIds).toEqual([]);
  });

  it('links the named feedback: each shows the problem, the problem counts them and takes their teams', async () => {
    // Prepare
    const a = feedback('FB-A', { team: 'south' });
    const b = feedback('FB-B', { team: null });
    const c = feedback('FB-C', { team: 'east' });
    const { problems, store, service } = setup([a, b, c]);

    // Act
    const problem = await service.create(
      { title: 'Card readers eat cards', feedbackIds: ['FB-A', 'FB-B', 'FB-A', 'FB-C'] },
      lead,
      undefined,
      ['north'],
    );

    // Assess
    expect(problem).toMatchObject({
      status: 'open',
      feedbackIds: ['FB-A', 'FB-B', 'FB-C'],
      linked: 3,
      teams: ['east', 'south'],
      updatedAt: NOW,
      version: 2,
    });
    expect(problem.history).toEqual([
      { at: NOW, action: 'created', actor: lead },
      { at: NOW, action: 'link', actor: lead, feedbackIds: ['FB-A', 'FB-B', 'FB-C'] },
    ]);
    expect(problems.items.get(problem.id)).toEqual(problem);
    for (const record of [a, b, c]) {
      expect(store.records.get(record.id)).toEqual({
        ...record,
        problemId: problem.id,
        updatedAt: NOW,
        history: [...record.history, { at: NOW, action: 'link_problem', actor: lead, problemId: problem.id }],
        version: record.version + 1,
      });
    }
    // One read to check and one write per feedback: nothing done twice.
    expect(store.reads.sort()).toEqual(['FB-A', 'FB-B', 'FB-C']);
    expect(store.writes).toHaveLength(3);
  });

  it('keeps the creator’s teams when none of the linked feedback has a team', async () => {
    // Prepare
    const { service } = setup([feedback('FB-A', { team: null })]);

    // Act
    const problem = await service.create({ title: 'Queues', feedbackIds: ['FB-A'] }, lead, undefined, [
      'north',
    ]);

    // Assess
    expect(problem.teams).toEqual(['north']);
    expect(problem.linked).toBe(1);
  });

  it('links the feedback of a hot topic, with those named, and records where it came from', async () => {
    // Prepare
    const { service } = setup([feedback('FB-A'), feedback('FB-B'), feedback('FB-C')]);

    // Act
    const problem = await service.create(
      { title: 'Card readers eat cards', feedbackIds: ['FB-A', 'FB-B'], fromHotTopic: hotTopic.id },
      lead,
    );

    // Assess
    expect(problem.feedbackIds).toEqual(['FB-A', 'FB-B', 'FB-C']);
    expect(problem.fromHotTopic).toBe(hotTopic.id);
    expect(problem.history[0]).toEqual({
      at: NOW,
      action: 'created',
      actor: lead,
      fromHotTopic: hotTopic.id,
    });
  });

  it.each([
    ['an unknown hot topic', { fromHotTopic: 'HT-20261124T000000Z-bm9uZQ' }, 'No hot topic was found.'],
    ['an unknown feedback', { feedbackIds: ['FB-A', 'FB-NONE'] }, 'No feedback FB-NONE was found.'],
  ])('refuses %s with 404 and stores nothing', async (_case, input, message) => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);

    // Act
    const error = await rejection(service.create({ title: 'Queues', ...input }, lead));

    // Assess
    expect(error).toMatchObject({ code: 'not_found', message });
    expect(problems.created).toEqual([]);
    expect(store.writes).toEqual([]);
  });

  it('refuses feedback of another problem with 409 naming each, and stores nothing', async () => {
    // Prepare
    const { problems, store, service } = setup([
      feedback('FB-A'),
      feedback('FB-B', { problemId: '01JDQ3ZK6V7M000000000000P1' }),
      feedback('FB-C', { problemId: '01JDQ3ZK6V7M000000000000P2' }),
    ]);

    // Act
    const error = await rejection(
      service.create({ title: 'Queues', feedbackIds: ['FB-A', 'FB-B', 'FB-C'] }, lead),
    );

    // Assess
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'A feedback belongs to another problem already.',
      issues: [
        { path: 'feedbackIds.1', message: 'FB-B belongs to problem 01JDQ3ZK6V7M000000000000P1' },
        { path: 'feedbackIds.2', message: 'FB-C belongs to problem 01JDQ3ZK6V7M000000000000P2' },
      ],
    });
    expect(problems.created).toEqual([]);
    expect(store.writes).toEqual([]);
  });

  it('asks the caller’s access check about every feedback before writing anything', async () => {
    // Prepare
    const { problems, store, service } = setup([
      feedback('FB-A', { team: 'north' }),
      feedback('FB-B', { team: 'south' }),
    ]);
    const asked: string[] = [];
    const ownTeamOnly: FeedbackAccess = (record) => {
      asked.push(record.id);
      if (record.team !== 'north') throw new Error('not yours');
    };

    // Act
    const refused = service.create({ title: 'Queues', feedbackIds: ['FB-A', 'FB-B'] }, lead, ownTeamOnly);

    // Assess
    await expect(refused).rejects.toThrow('not yours');
    expect(asked.sort()).toEqual(['FB-A', 'FB-B']);
    expect(problems.created).toEqual([]);
    expect(store.writes).toEqual([]);
  });

  it('reads the feedback to link 25 at a time', async () => {
    // Prepare
    const ids = Array.from({ length: 26 }, (_, i) => `FB-${String(i).padStart(2, '0')}`);
    const { store, service } = setup(ids.map((id) => feedback(id)));

    // Act
    const problem = await service.create({ title: 'Queues', feedbackIds: ids }, lead);

    // Assess
    expect(problem.linked).toBe(26);
    expect(problem.feedbackIds).toEqual(ids);
    expect(store.maxInFlight).toBe(25);
    expect(store.reads).toHaveLength(26);
  });

  it('stamps the current instant when no clock is given', async () => {
    // Prepare
    const { service } = setup([], false);

    // Act
    const problem = await service.create({ title: 'Queues' }, lead);

    // Assess
    expect(problem.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(problem.updatedAt).toBe(problem.createdAt);
  });
});

describe('problem service: reads', () => {
  it('answers a stored problem, and 404 for an unknown one', async () => {
    // Prepare
    const { problems, service } = setup();
    const stored = storedProblem();
    problems.items.set(PB, stored);

    // Act
    const found = await service.get(PB);
    const error = await rejection(service.get('01JDQ3ZK6V7M000000000000NO'));

    // Assess
    expect(found).toEqual(stored);
    expect(error).toMatchObject({ code: 'not_found', message: 'No problem was found.' });
  });

  it('lists the newest 100 by default, or as many as asked of the given teams', async () => {
    // Prepare
    const { problems, service } = setup();
    problems.items.set(PB, storedProblem());

    // Act
    const all = await service.list();
    await service.list(5, ['north']);

    // Assess
    expect(all).toEqual([storedProblem()]);
    expect(problems.listed).toEqual([
      [100, undefined],
      [5, ['north']],
    ]);
  });
});

describe('problem service: link', () => {
  it('links more feedback to an open problem, keeping those it had', async () => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A'), feedback('FB-B', { team: 'south' })]);
    problems.items.set(PB, storedProblem({ feedbackIds: ['FB-X'], linked: 1, teams: ['north'] }));

    // Act
    const problem = await service.link(PB, ['FB-A', 'FB-B', 'FB-A'], lead);

    // Assess
    expect(problem).toEqual(
      storedProblem({
        feedbackIds: ['FB-X', 'FB-A', 'FB-B'],
        linked: 3,
        teams: ['north', 'south'],
        updatedAt: NOW,
        version: 2,
        history: [
          ...storedProblem().history,
          { at: NOW, action: 'link', actor: lead, feedbackIds: ['FB-A', 'FB-B'] },
        ],
      }),
    );
    expect(problems.items.get(PB)).toEqual(problem);
    expect(store.records.get('FB-A')?.problemId).toBe(PB);
    expect(store.records.get('FB-B')?.problemId).toBe(PB);
  });

  it('links a feedback already on this problem again without writing it twice', async () => {
    // Prepare
    const a = feedback('FB-A', { problemId: PB });
    const { problems, store, service } = setup([a]);
    problems.items.set(PB, storedProblem({ feedbackIds: ['FB-A'], linked: 1 }));

    // Act
    const problem = await service.link(PB, ['FB-A'], lead);

    // Assess
    expect(problem.feedbackIds).toEqual(['FB-A']);
    expect(problem.linked).toBe(1);
    expect(store.writes).toEqual([]);
    expect(store.records.get('FB-A')).toEqual(a);
    expect(store.reads).toEqual(['FB-A']);
  });

  it.each([
    'resolving',
    'resolved',
    'closed',
  ] as const)('refuses to link to a %s problem (409 invalid_transition)', async (status) => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem({ status }));

    // Act
    const error = await rejection(service.link(PB, ['FB-A'], lead));

    // Assess
    expect(error).toMatchObject({
      code: 'invalid_transition',
      message: `Cannot link a problem that is ${status}.`,
    });
    expect(store.writes).toEqual([]);
    expect(problems.saved).toEqual([]);
  });

  it('refuses a feedback of another problem (409) and an unknown problem (404)', async () => {
    // Prepare
    const { problems, store, service } = setup([
      feedback('FB-A'),
      feedback('FB-B', { problemId: '01JDQ3ZK6V7M000000000000P1' }),
    ]);
    problems.items.set(PB, storedProblem());

    // Act
    const taken = await rejection(service.link(PB, ['FB-A', 'FB-B'], lead));
    const unknown = await rejection(service.link('01JDQ3ZK6V7M000000000000NO', ['FB-A'], lead));

    // Assess
    expect(taken).toMatchObject({
      code: 'conflict',
      issues: [{ path: 'feedbackIds.1', message: 'FB-B belongs to problem 01JDQ3ZK6V7M000000000000P1' }],
    });
    expect(unknown).toMatchObject({ code: 'not_found', message: 'No problem was found.' });
    expect(store.writes).toEqual([]);
  });

  it('retries a feedback changed meanwhile, up to five times more, on its fresh version', async () => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem());
    store.interfere('FB-A', 5);

    // Act
    await service.link(PB, ['FB-A'], lead);

    // Assess
    const stored = store.records.get('FB-A');
    expect(stored?.problemId).toBe(PB);
    expect(stored?.version).toBe(feedback('FB-A').version + 6);
    expect(store.writes).toHaveLength(1);
  });

  it('gives up with 409 when a feedback keeps changing, leaving the problem as it was', async () => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem());
    store.interfere('FB-A', 6);

    // Act
    const error = await rejection(service.link(PB, ['FB-A'], lead));

    // Assess
    expect(error).toMatchObject({ code: 'conflict', message: 'Feedback FB-A kept changing; retry.' });
    expect(store.records.get('FB-A')?.problemId).toBeUndefined();
    expect(problems.items.get(PB)).toEqual(storedProblem());
  });

  it('refuses (409) a feedback linked to another problem meanwhile, and does not take it over', async () => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem());
    store.interfere('FB-A', 1, (stored) => ({
      ...bump(stored),
      problemId: '01JDQ3ZK6V7M000000000000P1',
    }));

    // Act
    const error = await rejection(service.link(PB, ['FB-A'], lead));

    // Assess
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'FB-A belongs to problem 01JDQ3ZK6V7M000000000000P1',
    });
    expect(store.records.get('FB-A')?.problemId).toBe('01JDQ3ZK6V7M000000000000P1');
    expect(store.writes).toEqual([]);
  });

  it('writes nothing more for a feedback linked to this problem meanwhile', async () => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem());
    store.interfere('FB-A', 1, (stored) => ({ ...bump(stored), problemId: PB }));

    // Act
    const problem = await service.link(PB, ['FB-A'], lead);

    // Assess
    expect(problem.feedbackIds).toEqual(['FB-A']);
    expect(store.writes).toEqual([]);
  });

  it('answers 404 when a feedback is deleted meanwhile', async () => {
    // Prepare
    const { problems, store, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem());
    store.interfere('FB-A', 1, () => undefined);

    // Act
    const error = await rejection(service.link(PB, ['FB-A'], lead));

    // Assess
    expect(error).toMatchObject({ code: 'not_found', message: 'No feedback FB-A was found.' });
    expect(problems.items.get(PB)).toEqual(storedProblem());
  });

  it('adds its links to a problem changed meanwhile, keeping the other links', async () => {
    // Prepare
    const { problems, service } = setup([feedback('FB-A')]);
    problems.items.set(PB, storedProblem());
    problems.interfere(1, (stored) => ({
      ...bump(stored),
      feedbackIds: ['FB-Z'],
      linked: 1,
      teams: ['west'],
    }));

    // Act
    const problem = await service.link(PB, ['FB-A'], lead);

    // Assess
    expect(problem).toMatchObject({ feedbackIds: ['FB-Z', 'FB-A'], linked: 2, teams: ['west'], version: 3 });
    expect(problems.items.get(PB)).toEqual(problem);
  });

  it('retries the problem up to five times more, then gives up with 409', async () => {
    // Prepare
    const patient = setup([feedback('FB-A')]);
    patient.problems.items.set(PB, storedProblem());
    patient.problems.interfere(5);
    const givingUp = setup([feedback('FB-A')]);
    givingUp.problems.items.set(PB, storedProblem());
    givingUp.problems.interfere(6);

    // Act
    const linked = await patient.service.link(PB, ['FB-A'], lead);
    const error = await rejection(givingUp.service.link(PB, ['FB-A'], lead));

    // Assess
    expect(linked).toMatchObject({ feedbackIds: ['FB-A'], version: 7 });
    expect(error).toMatchObject({ code: 'conflict', message: 'The problem kept changing; retry.' });
    expect(givingUp.problems.saved).toEqual([]);
  });
});

const rootCause = {
  whys: ['The reader jams', 'Its roller wore out', 'No maintenance schedule'],
  cause: 'Worn rollers',
  correctiveAction: 'Replace the rollers every quarter',
};

describe('problem service: analyse and close', () => {
  it.each(['open', 'analysed'] as const)('records the root cause of a %s problem', async (status) => {
    // Prepare
    const { problems, service } = setup();
    problems.items.set(PB, storedProblem({ status }));

    // Act
    const problem = await service.act(PB, { action: 'analyse', rootCause }, lead);

    // Assess
    expect(problem).toEqual(
      storedProblem({
        status: 'analysed',
        rootCause,
        updatedAt: NOW,
        version: 2,
        history: [...storedProblem().history, { at: NOW, action: 'analyse', actor: lead, rootCause }],
      }),
    );
    expect(problems.items.get(PB)).toEqual(problem);
  });

  it('closes a problem, with the note when one is given', async () => {
    // Prepare
    const { problems, service } = setup();
    problems.items.set(PB, storedProblem({ status: 'resolved' }));
    problems.items.set('01JDQ3ZK6V7M000000000000PC', storedProblem({ id: '01JDQ3ZK6V7M000000000000PC' }));

    // Act
    const noted = await service.act(PB, { action: 'close', note: 'Duplicate of another' }, lead);
    const plain = await service.act('01JDQ3ZK6V7M000000000000PC', { action: 'close' }, lead);

    // Assess
    expect(noted).toEqual(
      storedProblem({
        status: 'closed',
        closedAt: NOW,
        updatedAt: NOW,
        version: 2,
        history: [
          ...storedProblem().history,
          { at: NOW, action: 'close', actor: lead, from: 'resolved', note: 'Duplicate of another' },
        ],
      }),
    );
    expect(plain.history.at(-1)).toEqual({ at: NOW, action: 'close', actor: lead, from: 'open' });
    expect(problems.items.get(PB)).toEqual(noted);
  });

  it.each([
    ['analyse', 'resolved', { action: 'analyse', rootCause }],
    ['close', 'closed', { action: 'close' }],
    ['close', 'resolving', { action: 'close' }],
    ['resolve', 'resolved', { action: 'resolve', resolution: 'Again.' }],
    ['resolve', 'closed', { action: 'resolve', resolution: 'Again.' }],
  ] as const)('refuses to %s a %s problem (409 invalid_transition)', async (verb, status, action) => {
    // Prepare
    const { problems, service } = setup();
    problems.items.set(PB, storedProblem({ status }));

    // Act
    const error = await rejection(service.act(PB, action, lead));

    // Assess
    expect(error).toMatchObject({
      code: 'invalid_transition',
      message: `Cannot ${verb} a problem that is ${status}.`,
    });
    expect(problems.saved).toEqual([]);
  });

  it('refuses (409) an action on a problem someone else changed meanwhile, without retrying', async () => {
    // Prepare
    const { problems, service } = setup();
    problems.items.set(PB, storedProblem());
    problems.interfere(1);

    // Act
    const error = await rejection(service.act(PB, { action: 'analyse', rootCause }, lead));

    // Assess
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'The problem was changed by someone else meanwhile. Reload it and try again.',
    });
    expect(problems.items.get(PB)).toEqual({ ...storedProblem(), version: 2 });
  });
});

describe('problem service: resolve', () => {
  const resolution = 'We replaced the card reader.';

  it('resolves every linked feedback still open, each with its own entry naming the problem', async () => {
    // Prepare
    const open = feedback('FB-A');
    const acknowledged = feedback('FB-B', { status: 'acknowledged' });
    const waiting = feedback('FB-C', { status: 'waiting_for_customer', waitingSince: received });
    const done = feedback('FB-D', { status: 'resolved', resolution: 'Refunded.' });
    const records = [open, acknowledged, waiting, done].map((record) => ({ ...record, problemId: PB }));
    const { problems, store, service } = setup(records);
    problems.items.set(
      PB,
      storedProblem({ status: 'analysed', feedbackIds: ['FB-A', 'FB-B', 'FB-C', 'FB-D'], linked: 4 }),
    );

    // Act
    const problem = await service.act(PB, { action: 'resolve', resolution }, lead);

    // Assess
    expect(problem).toEqual(
      storedProblem({
        status: 'resolved',
        feedbackIds: ['FB-A', 'FB-B', 'FB-C', 'FB-D'],
        linked: 4,
        resolution,
        resolvedFeedback: 3,
        resolvedAt: NOW,
        updatedAt: NOW,
        version: 3,
        history: [
          ...storedProblem().history,
          { at: NOW, action: 'resolve', actor: lead, resolution },
          { at: NOW, action: 'resolved', actor: lead, resolvedFeedback: 3 },
        ],
      }),
    );
    expect(problems.items.get(PB)).toEqual(problem);
    expect(problems.saved.map((saved) => saved.status)).toEqual(['resolving', 'resolved']);
    for (const [id, from] of [
      ['FB-A', 'open'],
      ['FB-B', 'acknowledged'],
    ] as const) {
      const stored = store.records.get(id);
      expect(stored).toMatchObject({ status: 'resolved', resolution, resolvedAt: NOW, problemId: PB });
      expect(stored?.history).toHaveLength(2);
      expect(stored?.history.at(-1)).toEqual({
        at: NOW,
        action: 'resolve',
        actor: lead,
        from,
        to: 'resolved',
        resolution,
        problemId: PB,
      });
    }
    expect(store.records.get('FB-C')).toMatchObject({ status: 'resolved', resolution, waitingSince: null });
    expect(store.records.get('FB-C')?.history.at(-1)).toMatchObject({
      action: 'resolve',
      from: 'waiting_for_customer',
      problemId: PB,
    });
    expect(store.records.get('FB-D')).toEqual(records[3]);
    expect(store.writes).toHaveLength(3);
  });

  it('keeps a feedback’s whole history when the problem it was linked to resolves it', async () => {
    // Prepare
    const a = feedback('FB-A');
    const { store, service } = setup([a]);
    const created = await service.create({ title: 'Card readers eat cards', feedbackIds: ['FB-A'] }, lead);

    // Act
    await service.act(created.id, { action: 'resolve', resolution }, 'staff:b');

    // Assess
    expect(store.records.get('FB-A')?.history).toEqual([
      ...a.history,
      { at: NOW, action: 'link_problem', actor: lead, problemId: created.id },
      {
        at: NOW,
        action: 'resolve',
        actor: 'staff:b',
        from: 'open',
        to: 'resolved',
        resolution,
        problemId: created.id,
      },
    ]);
  });

  it.each([
    ['no longer stored', undefined],
    ['linked to another problem', { problemId: '01JDQ3ZK6V7M000000000000P1' }],
    ['closed', { status: 'closed' as const, problemId: PB }],
  ])('skips a linked feedback %s', async (_case, overrides) => {
    // Prepare
    const records = [{ ...feedback('FB-A'), problemId: PB }];
    if (overrides) records.push({ ...feedback('FB-B'), ...overrides });
    const { problems, store, service } = setup(records);
    problems.items.set(PB, storedProblem({ feedbackIds: ['FB-A', 'FB-B'], linked: 2 }));

    // Act
    const problem = await service.act(PB, { action: 'resolve', resolution }, lead);

    // Assess
    expect(problem.resolvedFeedback).toBe(1);
    expect(problem.history.at(-1)).toEqual({ at: NOW, action: 'resolved', actor: lead, resolvedFeedback: 1 });
    expect(store.writes.map((record) => record.id)).toEqual(['FB-A']);
  });

  it('carries on an interrupted resolution with its stored text, resolving none twice', async () => {
    // Prepare: the first call marked it resolving and resolved FB-A, then was cut short.
    const firstCall = { at: '2026-11-24T01:00:00.000Z', action: 'resolve', actor: lead, resolution };
    const { problems, store, service } = setup([
      feedback('FB-A', { status: 'resolved', resolution, problemId: PB }),
      feedback('FB-B', { problemId: PB }),
      feedback('FB-C', { problemId: PB }),
    ]);
    problems.items.set(
      PB,
      storedProblem({
        status: 'resolving',
        resolution,
        feedbackIds: ['FB-A', 'FB-B', 'FB-C'],
        linked: 3,
        history: [...storedProblem().history, firstCall],
        version: 2,
      }),
    );

    // Act
    const problem = await service.act(PB, { action: 'resolve', resolution: 'Something else.' }, 'staff:b');

    // Assess
    expect(problem).toMatchObject({ status: 'resolved', resolution, resolvedFeedback: 2, version: 3 });
    expect(problem.history).toEqual([
      ...storedProblem().history,
      firstCall,
      { at: NOW, action: 'resolved', actor: 'staff:b', resolvedFeedback: 2 },
    ]);
    expect(store.writes.map((record) => [record.id, record.resolution])).toEqual([
      ['FB-B', resolution],
      ['FB-C', resolution],
    ]);
  });

  it('adds to the feedback a retried resolution had already counted', async () => {
    // Prepare
    const { problems, service } = setup([feedback('FB-A', { problemId: PB })]);
    problems.items.set(
      PB,
      storedProblem({
        status: 'resolving',
        resolution,
        feedbackIds: ['FB-A'],
        resolvedFeedback: 2,
        version: 2,
      }),
    );

    // Act
    const problem = await service.act(PB, { action: 'resolve', resolution }, lead);

    // Assess
    expect(problem.resolvedFeedback).toBe(3);
  });

  it('resolves a problem with no feedback', async () => {
    // Prepare
    const { problems, store, service } = setup();
    problems.items.set(PB, storedProblem());

    // Act
    const problem = await service.act(PB, { action: 'resolve', resolution }, lead);

    // Assess
    expect(problem).toMatchObject({ status: 'resolved', resolvedFeedback: 0, resolvedAt: NOW });
    expect(store.reads).toEqual([]);
  });

  it('resolves the feedback 25 at a time', async () => {
    // Prepare
    const ids = Array.from({ length: 26 }, (_, i) => `FB-${String(i).padStart(2, '0')}`);
    const { problems, store, service } = setup(ids.map((id) => feedback(id, { problemId: PB })));
    problems.items.set(PB, storedProblem({ feedbackIds: ids, linked: 26 }));

    // Act
    const problem = await service.act(PB, { action: 'resolve', resolution }, lead);

    // Assess
    expect(problem.resolvedFeedback).toBe(26);
    expect(store.maxInFlight).toBe(25);
    expect(store.reads).toHaveLength(26);
    expect(store.writes).toHaveLength(26);
  });

  it('tries a feedback changed meanwhile five times in all, then gives up with 409', async () => {
    // Prepare
    const patient = setup([feedback('FB-A', { problemId: PB })]);
    patient.problems.items.set(PB, storedProblem({ feedbackIds: ['FB-A'], linked: 1 }));
    patient.store.interfere('FB-A', 4);
    const givingUp = setup([feedback('FB-A', { problemId: PB })]);
    givingUp.problems.items.set(PB, storedProblem({ feedbackIds: ['FB-A'], linked: 1 }));
    givingUp.store.interfere('FB-A', 5);

    // Act
    const resolved = await patient.service.act(PB, { action: 'resolve', resolution }, lead);
    const error = await rejection(givingUp.service.act(PB, { action: 'resolve', resolution }, lead));

    // Assess
    expect(resolved.resolvedFeedback).toBe(1);
    expect(patient.store.records.get('FB-A')?.status).toBe('resolved');
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'Feedback FB-A kept changing while the problem was resolved; retry.',
    });
    expect(givingUp.store.records.get('FB-A')?.status).toBe('open');
    // Left resolving, so the retried call carries on.
    expect(givingUp.problems.items.get(PB)?.status).toBe('resolving');
  });
});
