import type { HotTopicRecord } from '../domain/hot-topics.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function local(iso: string, timeZone: string): string {
  return `${new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(',', '')} (${timeZone})`;
}

/**
 * The staff email for one hot-topic report: what is hot, how many against how many expected,
 * the window, and links to each feedback. No customer data: ids and counts only.
 */
export function renderHotTopicEmail(
  report: HotTopicRecord,
  timezone: string,
  baseUrl: string,
): { subject: string; html: string; text: string } {
  const what = `${report.kind} "${report.key}"`;
  const subject = `Hot topic: ${what} — ${report.count} complaints, ${report.expected.toFixed(2)} expected [${report.id}]`;
  const window = `${local(report.windowStart, timezone)} – ${local(report.windowEnd, timezone)}`;
  const merged = (report.keys ?? []).join(', ');
  const links = report.feedbackIds.map((id) => ({
    id,
    url: `${baseUrl}/v1/feedback/${encodeURIComponent(id)}`,
  }));
  const text = [
    `Hot topic ${report.id}: ${what}`,
    `${report.count} complaints in the window ${window}; ${report.expected.toFixed(2)} expected from the baseline.`,
    ...(merged ? [`Merged topics: ${merged}`] : []),
    'Feedback:',
    ...links.map((link) => `- ${link.id}: ${link.url}`),
  ].join('\n');
  const html = `<h1>Hot topic: ${escapeHtml(what)}</h1>
<p><strong>${report.count}</strong> complaints in the window ${escapeHtml(window)}; ${report.expected.toFixed(2)} expected from the baseline.</p>
${merged ? `<p>Merged topics: ${escapeHtml(merged)}</p>` : ''}
<p>Report ${escapeHtml(report.id)}</p>
<ul>${links.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.id)}</a></li>`).join('')}</ul>`;
  return { subject, html, text };
}
