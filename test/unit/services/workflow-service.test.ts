import { describe, expect, it } from 'vitest';
import { stackConfigSchema } from '../../../shared/config/stack-config.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { WorkflowService } from '../../../shared/services/workflow-service.ts';
import { MemoryFeedbackRepository } from '../../helpers/memory-repository.ts';
import { openFeedback } from '../../helpers/records.ts';

const config = stackConfigSchema.parse({ tableName: 'T', publicBaseUrl: 'https://f.example.com' });
// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';
const now = new Date('2026-11-24T02:00:00.000Z');
const staff = 'staff:lead@example.com';
const secret = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY';

function resolvedFeedback(): FeedbackRecord {
  const record = openFeedback('P2', received, { status: 'resolved', resolution: 'fixed' });
  return { ...record, survey: { token: `${record.id}.${secret}`, round: 1, answer: null } };
}

function serviceWith(...records: FeedbackRecord[]) {
  const repository = new MemoryFeedbackRepository(...records);
  const service = new WorkflowService({
    repository: repository.asRepository(),
    config,
    now: () => now,
  });
  return { repository, service };
}

describe('workflow service: staff actions', () => {
  it('records the authenticated staff member as the actor, a body actor only as claimedActor', async () => {
    const record = openFeedback('P2', received);
    const { repository, service } = serviceWith(record);

    const next = await service.act(
      record.id,
      { action: 'note', note: 'called back', actor: 'zhang.san' },
      staff,
    );

    expect(next.history.at(-1)).toEqual({
      at: '2026-11-24T02:00:00.000Z',
      action: 'note',
      actor: staff,
      claimedActor: 'zhang.san',
      note: 'called back',
    });
    expect(repository.records.get(record.id)?.history.at(-1)?.actor).toBe(staff);
  });

  it('records no claimedActor when the body names none', async () => {
    const record = openFeedback('P2', received);
    const { service } = serviceWith(record);

    const next = await service.act(record.id, { action: 'acknowledge' }, staff);

    expect(next.history.at(-1)).toEqual({
      at: '2026-11-24T02:00:00.000Z',
      action: 'acknowledge',
      actor: staff,
      from: 'open',
      to: 'acknowledged',
    });
    expect(next.version).toBe(record.version + 1);
  });

  it('passes the resolution and the note to the transition', async () => {
    const record = openFeedback('P2', received);
    const { service } = serviceWith(record);

    const next = await service.act(
      record.id,
      { action: 'resolve', resolution: 'refunded', note: 'n' },
      staff,
    );

    expect(next).toMatchObject({ status: 'resolved', resolution: 'refunded' });
    expect(next.history.at(-1)).toMatchObject({ note: 'n', resolution: 'refunded' });
  });

  it('answers not_found for an unknown feedback', async () => {
    const { service } = serviceWith();

    await expect(
      service.act('01JDQ3ZK6V7M0000000000000Z', { action: 'note', note: 'x' }, staff),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses a stale version with conflict and writes nothing', async () => {
    const record = openFeedback('P2', received);
    const { repository, service } = serviceWith(record);

    await expect(
      service.act(record.id, { action: 'acknowledge', version: record.version - 1 }, staff),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`version ${record.version}`),
    });
    expect(repository.writes).toEqual([]);
  });

  it('acts when the version sent is the current one', async () => {
    const record = openFeedback('P2', received);
    const { service } = serviceWith(record);

    const next = await service.act(record.id, { action: 'acknowledge', version: record.version }, staff);

    expect(next.status).toBe('acknowledged');
  });

  it('answers conflict when someone else wrote first', async () => {
    const record = openFeedback('P2', received);
    const { repository, service } = serviceWith(record);
    repository.records.set(record.id, { ...record, version: record.version + 1 });
    repository.get = async () => record;
    repository.getWithHistory = async () => record;

    await expect(service.act(record.id, { action: 'acknowledge' }, staff)).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('workflow service: survey', () => {
  it('finds the feedback for the right token', async () => {
    const record = resolvedFeedback();
    const { service } = serviceWith(record);

    await expect(service.surveyFor(`${record.id}.${secret}`)).resolves.toMatchObject({ id: record.id });
  });

  it('answers not_found for the right id with a wrong secret, and records nothing', async () => {
    const record = resolvedFeedback();
    const { repository, service } = serviceWith(record);
    const forged = `${record.id}.${'A'.repeat(secret.length)}`;

    await expect(service.surveyFor(forged)).rejects.toMatchObject({
      code: 'not_found',
      message: 'No survey was found.',
    });
    await expect(service.answer(forged, { csat: 1 })).rejects.toMatchObject({ code: 'not_found' });
    expect(repository.writes).toEqual([]);
    expect(repository.records.get(record.id)?.status).toBe('resolved');
  });

  it('answers not_found for a malformed token, an unknown id and a feedback without survey', async () => {
    const record = openFeedback('P2', received);
    const { service } = serviceWith(record);

    await expect(service.surveyFor('not-a-token')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.surveyFor(`01JDQ3ZK6V7M0000000000000Z.${secret}`)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(service.surveyFor(`${record.id}.${secret}`)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records an unhappy answer and reopens the feedback', async () => {
    const record = resolvedFeedback();
    const { repository, service } = serviceWith(record);

    const next = await service.answer(`${record.id}.${secret}`, { csat: 2 });

    expect(next.status).toBe('open');
    expect(repository.records.get(record.id)?.survey?.answer).toMatchObject({ csat: 2 });
  });

  it('answers conflict when the answer lost a race', async () => {
    const record = resolvedFeedback();
    const { repository, service } = serviceWith(record);
    repository.saveChanges = async () => false;

    await expect(service.answer(`${record.id}.${secret}`, { csat: 5 })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('workflow service: assign', () => {
  const teamsConfig = stackConfigSchema.parse({
    tableName: 'T',
    publicBaseUrl: 'https://f.example.com',
    teams: [
      { id: 'desk', name: { en: 'Desk', zh: '服务台' }, leadEmails: ['desk@example.com'] },
      { id: 'billing', name: { en: 'Billing', zh: '账务' }, leadEmails: ['bill@example.com'] },
    ],
  });
  const members: Record<string, readonly string[]> = {
    ana: ['billing'],
    li: ['desk'],
    bo: ['desk', 'billing'],
  };

  /** A directory that answers from `members` and records whom it was asked about. */
  function directory() {
    const asked: string[] = [];
    return {
      asked,
      teamsOf: async (staffId: string) => {
        asked.push(staffId);
        return members[staffId];
      },
    };
  }

  /** Caller rights that allow everything and record what they were asked to check. */
  function rights(id: string) {
    const checks: { kind: string; change?: unknown }[] = [];
    return {
      checks,
      id,
      mayAct: () => {
        checks.push({ kind: 'act' });
      },
      mayAssign: (_record: FeedbackRecord, change: unknown) => {
        checks.push({ kind: 'assign', change });
      },
    };
  }

  function assignService(
    options: { withDirectory?: boolean; withClock?: boolean },
    ...records: FeedbackRecord[]
  ) {
    const repository = new MemoryFeedbackRepository(...records);
    const staffDirectory = directory();
    const service = new WorkflowService({
      repository: repository.asRepository(),
      config: teamsConfig,
      ...(options.withDirectory === false ? {} : { directory: staffDirectory }),
      ...(options.withClock === false ? {} : { now: () => now }),
    });
    return { repository, service, staffDirectory };
  }

  it('moves a feedback to another team with a member of it, records the change once, answers the next version', async () => {
    // Prepare
    const record = openFeedback('P2', received, { team: 'desk', assignee: 'li' });
    const { repository, service, staffDirectory } = assignService({}, record);
    const caller = rights('lead-1');

    // Act
    const next = await service.act(
      record.id,
      { action: 'assign', team: 'billing', assignee: 'ana' },
      staff,
      caller,
    );

    // Assess
    expect(next).toMatchObject({
      team: 'billing',
      assignee: 'ana',
      version: 3,
      updatedAt: '2026-11-24T02:00:00.000Z',
    });
    expect(next.history.at(-1)).toEqual({
      at: '2026-11-24T02:00:00.000Z',
      action: 'assign',
      actor: staff,
      team: 'billing',
      assignee: 'ana',
      previousTeam: 'desk',
      previousAssignee: 'li',
    });
    expect(repository.writes).toHaveLength(1);
    expect(repository.records.get(record.id)).toMatchObject({ team: 'billing', assignee: 'ana', version: 3 });
    expect(caller.checks).toEqual([
      { kind: 'act' },
      { kind: 'assign', change: { team: 'billing', assignee: 'ana' } },
    ]);
    expect(staffDirectory.asked).toEqual(['ana', 'li']);
  });

  it('resolves assignee "me" to the caller, and asks the directory about each person once', async () => {
    const record = openFeedback('P2', received, { team: 'billing', assignee: 'ana' });
    const { service, staffDirectory } = assignService({}, record);
    const caller = rights('bo');

    const next = await service.act(record.id, { action: 'assign', assignee: 'me' }, staff, caller);

    expect(next).toMatchObject({ team: 'billing', assignee: 'bo' });
    expect(next.history.at(-1)).toEqual({
      at: '2026-11-24T02:00:00.000Z',
      action: 'assign',
      actor: staff,
      team: 'billing',
      assignee: 'bo',
      previousAssignee: 'ana',
    });
    // Strict: the rights see only what the request named (no `team: undefined` key).
    expect(caller.checks.at(-1)).toStrictEqual({ kind: 'assign', change: { assignee: 'bo' } });
    expect(staffDirectory.asked).toEqual(['bo', 'ana']);
  });

  it('keeps "me" as it is without caller rights (nobody is called "me", so it is refused)', async () => {
    const record = openFeedback('P2', received, { team: 'billing', assignee: null });
    const { repository, service } = assignService({}, record);

    await expect(service.act(record.id, { action: 'assign', assignee: 'me' }, staff)).rejects.toMatchObject({
      code: 'validation_error',
      issues: [{ path: 'assignee', message: 'must be a member of team billing' }],
    });
    expect(repository.writes).toEqual([]);
  });

  it('moves the team alone: the assignee stays when a member of the new team, and is asked about once', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: 'bo' });
    const { service, staffDirectory } = assignService({}, record);
    const caller = rights('lead-1');

    const next = await service.act(record.id, { action: 'assign', team: 'billing' }, staff, caller);

    expect(next).toMatchObject({ team: 'billing', assignee: 'bo' });
    expect(next.history.at(-1)).toEqual({
      at: '2026-11-24T02:00:00.000Z',
      action: 'assign',
      actor: staff,
      team: 'billing',
      assignee: 'bo',
      previousTeam: 'desk',
    });
    expect(caller.checks.at(-1)).toStrictEqual({ kind: 'assign', change: { team: 'billing' } });
    expect(staffDirectory.asked).toEqual(['bo']);
  });

  it('unassigns with assignee null', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: 'li' });
    const { service, staffDirectory } = assignService({}, record);

    const next = await service.act(record.id, { action: 'assign', assignee: null }, staff);

    expect(next).toMatchObject({ team: 'desk', assignee: null, version: 3 });
    expect(next.history.at(-1)).toMatchObject({ action: 'assign', assignee: null, previousAssignee: 'li' });
    expect(staffDirectory.asked).toEqual(['li']);
  });

  it('refuses an unknown team with validation_error listing the teams, before the caller’s rights are asked', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: null });
    const { repository, service } = assignService({}, record);
    const caller = {
      ...rights('lead-1'),
      mayAssign: () => {
        throw new DomainError('forbidden', 'Not yours.');
      },
    };

    await expect(
      service.act(record.id, { action: 'assign', team: 'nowhere' }, staff, caller),
    ).rejects.toMatchObject({
      code: 'validation_error',
      message: 'The team is not known.',
      issues: [{ path: 'team', message: 'must be one of: desk, billing' }],
    });
    expect(repository.writes).toEqual([]);
  });

  it('refuses an unknown team with validation_error even before triage routed the feedback', async () => {
    const record = openFeedback('P2', received, { status: 'received', team: null, assignee: null });
    const { service } = assignService({}, record);

    await expect(service.act(record.id, { action: 'assign', team: 'nowhere' }, staff)).rejects.toMatchObject({
      code: 'validation_error',
    });
    await expect(service.act(record.id, { action: 'assign', team: 'desk' }, staff)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('answers what the caller’s rights refuse, writing nothing', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: null });
    const { repository, service } = assignService({}, record);
    const caller = {
      ...rights('li'),
      mayAssign: () => {
        throw new DomainError('forbidden', 'Not yours.');
      },
    };

    await expect(
      service.act(record.id, { action: 'assign', assignee: 'li' }, staff, caller),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(repository.writes).toEqual([]);
  });

  it('writes nothing and answers the record as it was when nothing changes', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: 'li' });
    const { repository, service } = assignService({}, record);

    const next = await service.act(record.id, { action: 'assign', team: 'desk', assignee: 'li' }, staff);

    expect(next).toBe(record);
    expect(next.version).toBe(2);
    expect(repository.writes).toEqual([]);
  });

  it('without a directory nobody is a member: an assignee is refused, unassigning still works', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: 'li' });
    const { service } = assignService({ withDirectory: false }, record);

    await expect(service.act(record.id, { action: 'assign', assignee: 'bo' }, staff)).rejects.toMatchObject({
      code: 'validation_error',
    });
    const next = await service.act(record.id, { action: 'assign', assignee: null }, staff);
    expect(next).toMatchObject({ assignee: null, version: 3 });
  });

  it('answers conflict when someone else wrote first, and keeps their write', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: null });
    const { repository, service } = assignService({}, record);
    const theirs = { ...record, version: 3, assignee: 'bo' };
    repository.records.set(record.id, theirs);
    repository.getWithHistory = async () => record;

    await expect(service.act(record.id, { action: 'assign', assignee: 'li' }, staff)).rejects.toMatchObject({
      code: 'conflict',
      message: 'The feedback was changed by someone else meanwhile. Reload it and try again.',
    });
    expect(repository.records.get(record.id)).toBe(theirs);
  });

  it('stamps the change with the current time when no clock is given', async () => {
    const record = openFeedback('P2', received, { team: 'desk', assignee: null });
    const { service } = assignService({ withClock: false }, record);

    const next = await service.act(record.id, { action: 'assign', assignee: 'li' }, staff);

    expect(next.history.at(-1)?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('workflow service: without an injected clock', () => {
  it('stamps a staff action with the current time', async () => {
    const record = openFeedback('P2', received);
    const repository = new MemoryFeedbackRepository(record);
    const service = new WorkflowService({ repository: repository.asRepository(), config });

    const next = await service.act(record.id, { action: 'note', note: 'n' }, staff);

    expect(next.history.at(-1)?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('workflow service: survey race', () => {
  it('thanks the customer whose answer lost the race to an earlier one', async () => {
    const record = resolvedFeedback();
    const { repository, service } = serviceWith(record);
    repository.saveChanges = async () => false;

    await expect(service.answer(`${record.id}.${secret}`, { csat: 5 })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This survey was just answered. Thank you!',
    });
  });
});
