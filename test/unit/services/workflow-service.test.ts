import { describe, expect, it } from 'vitest';
import { stackConfigSchema } from '../../../shared/config/stack-config.ts';
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
