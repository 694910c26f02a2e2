import { describe, expect, it } from 'vitest';
import { api, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Page = { items: { id: string; category: string | null; type: string; receivedAt: string }[] };

describe('list filters for drill-down', () => {
  it('narrows by category, complaint type and received range through the index query', async () => {
    // Prepare
    const billing = await submit({
      channel: 'phone',
      text: 'I was charged twice on my bill, refund the overcharge now. This is unacceptable.',
      language: 'en',
    });
    const praise = await submit({ channel: 'phone', text: 'Lovely staff, thank you!', language: 'en' });
    await settleStream();
    const billingRecord = await readFeedback(billing.body.id);
    const receivedAt = billingRecord.receivedAt as string;
    const category = billingRecord.category as string;
    const justAfter = new Date(Date.parse(receivedAt) + 1).toISOString();

    // Act
    const byCategory = await api<Page>(`/v1/feedback?channel=phone&category=${category}&limit=100`, {
      as: 'staff',
    });
    const complaints = await api<Page>('/v1/feedback?channel=phone&type=complaint&limit=100', {
      as: 'staff',
    });
    const inRange = await api<Page>(
      `/v1/feedback?from=${encodeURIComponent(receivedAt)}&before=${encodeURIComponent(justAfter)}&limit=100`,
      { as: 'staff' },
    );
    const beforeIt = await api<Page>(`/v1/feedback?channel=phone&before=${encodeURIComponent(receivedAt)}`, {
      as: 'staff',
    });
    const badRange = await api('/v1/feedback?from=yesterday', { as: 'staff' });

    // Assess
    expect(category).toBe('billing_payment');
    expect(byCategory.body.items.map((item) => item.id)).toContain(billing.body.id);
    expect(byCategory.body.items.every((item) => item.category === 'billing_payment')).toBe(true);
    expect(complaints.body.items.map((item) => item.id)).toContain(billing.body.id);
    expect(complaints.body.items.map((item) => item.id)).not.toContain(praise.body.id);
    expect(inRange.body.items.map((item) => item.id)).toEqual([billing.body.id]);
    expect(beforeIt.body.items.map((item) => item.id)).not.toContain(billing.body.id);
    expect(badRange.status).toBe(400);
  });
});

describe('open work by deadline', () => {
  it('lists open work soonest next deadline first and drops it once resolved', async () => {
    // Prepare: a P1-looking complaint (24 h first response) and a suggestion (P4, 5 working days)
    const urgent = await submit({
      channel: 'app',
      severity: 'critical',
      text: 'Gas smell near the meter, dangerous!',
      language: 'en',
    });
    const relaxed = await submit({
      channel: 'app',
      text: 'Suggestion: a dark mode would be nice.',
      language: 'en',
    });
    await settleStream();

    // Act
    const queue = await api<Page>('/v1/feedback?sort=deadline&channel=app&limit=100', { as: 'staff' });
    const urgentRecord = await readFeedback(urgent.body.id);
    await api(`/v1/feedback/${urgent.body.id}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: 'Engineer sent.', version: urgentRecord.version },
    });
    const after = await api<Page>('/v1/feedback?sort=deadline&channel=app&limit=100', { as: 'staff' });

    // Assess
    const ids = queue.body.items.map((item) => item.id);
    expect(ids.indexOf(urgent.body.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(urgent.body.id)).toBeLessThan(ids.indexOf(relaxed.body.id));
    expect(after.body.items.map((item) => item.id)).not.toContain(urgent.body.id);
    expect(after.body.items.map((item) => item.id)).toContain(relaxed.body.id);
  });
});
