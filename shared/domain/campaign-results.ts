import { stringify } from 'csv-stringify/sync';
import type { Campaign, CampaignResponse, CampaignResults, Recipient } from './campaigns.ts';
import { type MeanWithInterval, meanWithCi95 } from './confidence-interval.ts';
import type { Questionnaire } from './questionnaire.ts';
import { type NpsFigures, npsFrom } from './snapshot-math.ts';

// A campaign's figures and its answers as CSV (contract §11), apart from the campaign rules:
// only the results and export routes need the t quantile, the NPS maths and the CSV writer, and
// the campaign service loads this module when one of them is first asked for.

/** Per-dimension figures: one score per respondent (their mean over the dimension's likert5 answers). */
export function dimensionFigures(
  questionnaire: Questionnaire,
  responses: readonly CampaignResponse[],
): Record<string, MeanWithInterval> {
  const byDimension = new Map<string, string[]>();
  for (const q of questionnaire.questions) {
    if (q.kind !== 'likert5' || !q.dimension) continue;
    // Stryker disable next-line ArrayDeclaration: a seeded element is equivalent: it is no question id (ids are lower-case keys without spaces) and answers are stored for question ids only, so it adds no value
    byDimension.set(q.dimension, [...(byDimension.get(q.dimension) ?? []), q.id]);
  }
  const out: Record<string, MeanWithInterval> = {};
  for (const [dimension, ids] of byDimension) {
    const scores: number[] = [];
    for (const response of responses) {
      const values = ids.map((id) => response.answers[id]).filter((v): v is number => typeof v === 'number');
      if (values.length) scores.push(values.reduce((a, b) => a + b, 0) / values.length);
    }
    out[dimension] = meanWithCi95(scores);
  }
  return out;
}

/** The results of a campaign from its recipients and responses (contract §11). */
export function campaignResults(
  campaign: Campaign,
  questionnaire: Questionnaire,
  recipients: readonly Recipient[],
  responses: readonly CampaignResponse[],
  now: Date,
  previous: { campaign: Campaign; responses: readonly CampaignResponse[] } | undefined,
): CampaignResults {
  const questions: CampaignResults['questions'] = {};
  let nps: NpsFigures | undefined;
  for (const q of questionnaire.questions) {
    const values = responses.map((r) => r.answers[q.id]).filter((v) => v !== undefined);
    if (q.kind === 'text') {
      questions[q.id] = { kind: q.kind, responses: values.length };
      continue;
    }
    const keys =
      q.kind === 'likert5'
        ? ['1', '2', '3', '4', '5']
        : q.kind === 'nps'
          ? Array.from({ length: 11 }, (_, i) => String(i))
          : (q.options ?? []).map((o) => o.id);
    const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
    for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    const numbers = values.filter((v): v is number => typeof v === 'number');
    questions[q.id] = {
      kind: q.kind,
      ...(q.dimension ? { dimension: q.dimension } : {}),
      responses: values.length,
      ...(q.kind !== 'choice'
        ? {
            average: numbers.length
              ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100
              : null,
          }
        : {}),
      distribution: counts,
    };
    if (q.kind === 'nps' && !nps) nps = npsFrom(keys.map((k) => counts[k] ?? 0));
  }
  const byChannel = { email: 0, sms: 0, phone: 0 };
  for (const r of responses) byChannel[r.channel] += 1;
  return {
    id: campaign.id,
    questionnaireId: campaign.questionnaireId,
    status: now.toISOString() < campaign.closesAt ? 'open' : 'closed',
    createdAt: campaign.createdAt,
    closesAt: campaign.closesAt,
    recipients: recipients.length,
    invited: recipients.filter((r) => r.invitedAt).length,
    reminded: recipients.filter((r) => r.remindedAt).length,
    responses: responses.length,
    responseRate: recipients.length
      ? Math.round((responses.length / recipients.length) * 10_000) / 10_000
      : 0,
    responsesByChannel: byChannel,
    dimensions: dimensionFigures(questionnaire, responses),
    questions,
    ...(nps ? { nps } : {}),
    previous: previous
      ? {
          id: previous.campaign.id,
          createdAt: previous.campaign.createdAt,
          dimensions: dimensionFigures(questionnaire, previous.responses),
        }
      : null,
  };
}

/** A spreadsheet cannot mistake a cell for a formula: one starting with = + - @ or a control is quoted with '. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * `GET /v1/campaigns/{id}/responses.csv`: one row per response (its own id, when, by which
 * channel, in which language, then one column per question), no recipient id, no contact data.
 */
export function responsesCsv(questionnaire: Questionnaire, responses: readonly CampaignResponse[]): string {
  const ids = questionnaire.questions.map((q) => q.id);
  const rows = [...responses]
    .sort((a, b) =>
      // Stryker disable next-line EqualityOperator: `<` → `<=` is equivalent: response ids are unique ULIDs, so ties never reach the id comparison
      a.answeredAt < b.answeredAt ? -1 : a.answeredAt > b.answeredAt ? 1 : a.id < b.id ? -1 : 1,
    )
    .map((r) => [
      r.id,
      r.answeredAt,
      r.channel,
      r.language,
      ...ids.map((id) => {
        const value = r.answers[id];
        return value === undefined ? '' : safeCell(String(value));
      }),
    ]);
  return stringify([['responseId', 'answeredAt', 'channel', 'language', ...ids], ...rows], {
    record_delimiter: '\r\n',
  });
}

/** `<campaign id>.<recipient id>.<secret>`: the invitation link's token. */
