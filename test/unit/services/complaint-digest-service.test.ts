import { describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';
import type { FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { ComplaintDigestService } from '../../../shared/services/complaint-digest-service.ts';
import { openFeedback } from '../../helpers/records.ts';

/** The digest's slice of the repository, in memory, with the same claim semantics. */
function memoryRepository(records: FeedbackRecord[]) {
  const claims = new Map<string, 'claimed' | 'sent'>();
  const repository: Pick<
    FeedbackRepository,
    'undigestedComplaints' | 'claimNotification' | 'releaseNotification' | 'completeDigest'
  > = {
    undigestedComplaints: async (team, through) =>
      records.filter((r) => r.team === team && r.receivedAt <= through && claims.get(r.id) !== 'sent'),
    claimNotification: async (id) => {
      if (claims.has(id)) return false;
      claims.set(id, 'claimed');
      return true;
    },
    releaseNotification: async (id) => {
      claims.delete(id);
    },
    completeDigest: async (id) => {
      claims.set(id, 'sent');
    },
  };
  return { repository: repository as FeedbackRepository, claims };
}

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
      return { messageId: `m${sent.length}` };
    },
  };
  return { mailer, sent };
}

const config = parseStackConfig({
  escalationEmails: ['first@example.org', 'second@example.org'],
  teams: [
    { id: 'billing', name: { en: 'Billing', zh: '账务' }, leadEmails: ['b1@example.org', 'b2@example.org'] },
    { id: 'field', name: { en: 'Field', zh: '现场' }, leadEmails: ['f@example.org'] },
  ],
});
const complaints = [
  openFeedback('P2', '2026-11-23T02:00:00.000Z', { id: 'C1', team: 'billing', category: 'billing_payment' }),
  openFeedback('P3', '2026-11-23T03:00:00.000Z', { id: 'C2', team: 'billing' }),
  openFeedback('P3', '2026-11-24T03:00:00.000Z', { id: 'C3', team: 'billing' }),
];
const nineAm = new Date('2026-11-24T01:00:00.000Z');

describe('complaint digest', () => {
  it('emails a team’s leads the complaints received up to the run, and nothing to a team with none', async () => {
    const { repository } = memoryRepository(complaints);
    const { mailer, sent } = recordingMailer();
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config,
      publicBaseUrl: 'https://x.example',
    });

    const summary = await service.run(nineAm);

    expect(summary).toEqual({ teams: { billing: 2, field: 0 }, emails: 1, alreadyClaimed: 0, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual(['b1@example.org', 'b2@example.org']);
    expect(sent[0]?.subject).toBe('Complaint digest for Billing: 2 new');
    expect(sent[0]?.text).toContain(
      'C1 — P2, category: billing_payment, first response due: 2026-11-24 10:00 (Asia/Shanghai)',
    );
    expect(sent[0]?.text).toContain('https://x.example/v1/feedback/C2');
    expect(sent[0]?.text).not.toContain('C3');
  });

  it('puts each complaint in exactly one digest however often the schedule runs', async () => {
    const { repository } = memoryRepository(complaints);
    const { mailer, sent } = recordingMailer();
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config,
      publicBaseUrl: 'https://x.example',
    });

    await service.run(nineAm);
    await service.run(nineAm);
    const nextDay = await service.run(new Date('2026-11-25T01:00:00.000Z'));

    expect(nextDay.teams.billing).toBe(1);
    expect(sent.map((m) => m.subject)).toEqual([
      'Complaint digest for Billing: 2 new',
      'Complaint digest for Billing: 1 new',
    ]);
  });

  it('gives the claims back when sending fails, so the retried schedule sends them once', async () => {
    const { repository, claims } = memoryRepository(complaints);
    const { mailer, sent } = recordingMailer(1);
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config,
      publicBaseUrl: 'https://x.example',
    });

    const failed = await service.run(nineAm);
    const claimsAfterFailure = claims.size;
    const retried = await service.run(nineAm);

    expect(failed).toMatchObject({ emails: 0, failed: 1 });
    expect(claimsAfterFailure).toBe(0);
    expect(retried).toMatchObject({ emails: 1, failed: 0, teams: { billing: 2 } });
    expect(sent).toHaveLength(1);
  });
});

describe('complaint digest: claims, order and content', () => {
  it('leaves out a complaint another run claimed and counts it', async () => {
    // Prepare
    const { repository, claims } = memoryRepository(complaints);
    claims.set('C1', 'claimed');
    const { mailer, sent } = recordingMailer();
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config,
      publicBaseUrl: 'https://x.example',
    });

    // Act
    const summary = await service.run(nineAm);

    // Assess
    expect(summary).toEqual({ teams: { billing: 1, field: 0 }, emails: 1, alreadyClaimed: 1, failed: 0 });
    expect(sent[0]?.subject).toBe('Complaint digest for Billing: 1 new');
    expect(sent[0]?.text).not.toContain('C1');
  });

  it('lists the complaints oldest first, ties by id, whatever order the index gives, tagged with the team', async () => {
    // Prepare
    // Neither the index's order, nor its reverse, nor the order by id alone.
    const unordered = [
      openFeedback('P3', '2026-11-23T04:00:00.000Z', { id: 'C6', team: 'billing' }),
      openFeedback('P3', '2026-11-23T05:00:00.000Z', { id: 'C5', team: 'billing' }),
      openFeedback('P3', '2026-11-23T04:00:00.000Z', { id: 'C7', team: 'billing' }),
    ];
    const { repository } = memoryRepository(unordered);
    const { mailer, sent } = recordingMailer();
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config,
      publicBaseUrl: 'https://x.example',
    });

    // Act
    await service.run(nineAm);

    // Assess
    const text = sent[0]?.text ?? '';
    const order = ['C6', 'C7', 'C5'].map((id) => text.indexOf(`${id} — `));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sent[0]?.tags).toEqual({ kind: 'complaint-digest', team: 'billing' });
  });

  it('shows a complaint without priority, category or deadlines with empty fields and a dash', async () => {
    // Prepare
    const bare = openFeedback('P3', '2026-11-23T02:00:00.000Z', {
      id: 'C9',
      team: 'billing',
      priority: null,
      category: null,
      deadlines: null,
    });
    const { repository } = memoryRepository([bare]);
    const { mailer, sent } = recordingMailer();
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config,
      publicBaseUrl: 'https://x.example',
    });

    // Act
    const summary = await service.run(nineAm);

    // Assess
    expect(summary).toMatchObject({ emails: 1, failed: 0 });
    expect(sent[0]?.text).toContain('C9 — , category: —, first response due: \n');
  });

  it('names the team in the staff language', async () => {
    // Prepare
    const { repository } = memoryRepository(complaints);
    const { mailer, sent } = recordingMailer();
    const service = new ComplaintDigestService({
      repository,
      mailer,
      config: { ...config, staffLanguage: 'zh' },
      publicBaseUrl: 'https://x.example',
    });

    // Act
    await service.run(nineAm);

    // Assess
    expect(sent[0]?.subject).toBe('账务 投诉日报：2 条新投诉');
  });
});
