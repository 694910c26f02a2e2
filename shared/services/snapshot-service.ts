import { createHash } from 'node:crypto';
import type { StackConfig } from '../config/stack-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import { BusinessCalendar } from '../domain/calendar.ts';
import { requestFingerprint } from '../domain/ids.ts';
import {
  formatSnapshotPeriod,
  type PeriodKind,
  parseSnapshotPeriod,
  previousSnapshotPeriod,
  type SnapshotPeriod,
  snapshotPeriodEndedBefore,
  snapshotPeriodRange,
} from '../domain/period.ts';
import { round, SnapshotAccumulator } from '../domain/snapshot-math.ts';
import type { Locale } from '../domain/text.ts';
import { renderEmail } from '../email/render-email.ts';
import { type CampaignCsatSource, noCampaignCsat } from '../ports/campaign-csat-source.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { SnapshotCheckpoint, SnapshotCheckpoints } from '../ports/snapshot-checkpoints.ts';
import type { EvaluatedPlanLine, SnapshotComputedListener } from '../ports/snapshot-listener.ts';
import type { ReadPosition, SnapshotRepository } from '../ports/snapshot-repository.ts';
import type { KeyFigures, Snapshot } from '../schemas/snapshot.ts';

export interface SnapshotServiceDependencies {
  repository: SnapshotRepository;
  mailer: Mailer;
  config: StackConfig;
  publicBaseUrl: string;
  /** Campaign CSAT for `csat.bySource.campaign`; none when absent (tests and benches without campaigns). */
  campaignCsat?: CampaignCsatSource;
  now?: () => Date;
  /** Told after every computation, stored or unchanged (the improvement plans' Check). */
  onComputed?: SnapshotComputedListener;
  /**
   * Where a scheduled computation too large for one run keeps its counts between runs. Without
   * it a scheduled run never pauses (tests, and staff recomputes that answer within the request).
   */
  checkpoints?: SnapshotCheckpoints;
}

/** What one scheduled run did: the period finished (stored, maybe emailed), or paused to go on. */
export type ScheduledRunOutcome =
  | {
      done: true;
      period: string;
      changed: boolean;
      emailed: boolean;
      feedback: number;
      readUnits: number;
      plansEvaluated: number;
      /** Lambda runs the computation took, this one included. */
      runs: number;
    }
  | { done: false; period: string; asOf: string; feedback: number; readUnits: number; runs: number };

/** How a scheduled run may split its work (see {@link SnapshotService.runScheduledStep}). */
export interface ScheduledRunOptions {
  /** This run continues one that paused: resume from its checkpoint (a fresh start if there is none). */
  resume: boolean;
  /** Asked between pages of the read: true pauses the run, checkpointed, to be continued. */
  shouldPause: () => boolean;
}

/** What a (possibly resumed) read of a period counted, and where it paused if it did. */
interface Counted {
  accumulator: SnapshotAccumulator;
  readUnits: number;
  runs: number;
  paused: ReadPosition | undefined;
}

/** The figures compared quarter on quarter. */
export function keyFigures(snapshot: Snapshot): KeyFigures {
  return {
    feedback: snapshot.totals.feedback,
    complaints: snapshot.totals.complaints,
    csatAverage: snapshot.csat.average,
    npsScore: snapshot.nps.score,
    complaintRate: snapshot.complaintRate,
    slaCompliance: snapshot.slaCompliance,
    closureRate: snapshot.closureRate,
    notifiedRate: snapshot.notifiedRate,
    firstResponseMedianWorkingHours: snapshot.firstResponseTime.workingHours.median,
  };
}

function deltas(current: KeyFigures, previous: KeyFigures): Record<string, number | null> {
  return Object.fromEntries(
    (Object.keys(current) as (keyof KeyFigures)[]).map((key) => {
      const a = current[key];
      const b = previous[key];
      return [key, a === null || b === null ? null : round(a - b, 4)];
    }),
  );
}

/** Everything but when and how cheaply it was computed: equal means "nothing changed". */
function substance(snapshot: Snapshot): string {
  const { computedAt: _computedAt, readUnits: _readUnits, ...rest } = snapshot;
  // Canonical (sorted keys): DynamoDB does not keep the key order of stored maps.
  return requestFingerprint(rest);
}

/**
 * Satisfaction snapshots of a quarter, a month or an ISO week: computed from the period's
 * feedback only (month index, page by page), exact for a given `asOf`, stored only when the
 * figures changed; a quarter's is summarised by email once.
 */
export class SnapshotService {
  readonly #deps: SnapshotServiceDependencies;
  readonly #calendar: BusinessCalendar;

  constructor(deps: SnapshotServiceDependencies) {
    this.#deps = deps;
    this.#calendar = new BusinessCalendar(deps.config.calendar);
  }

  /** Computes a period's snapshot counting every event up to `asOf`. */
  async compute(periodText: string, asOf: Date): Promise<Snapshot> {
    const period = parseSnapshotPeriod(periodText);
    const counted = await this.#count(period, asOf);
    return this.#snapshotOf(period, asOf, counted.accumulator, counted.readUnits);
  }

  /**
   * Reads the period's feedback into an accumulator: all of it, or, with `run`, from the
   * checkpoint a paused run left and until `run.shouldPause` says stop.
   */
  async #count(
    period: SnapshotPeriod,
    asOf: Date,
    run?: { checkpoint: SnapshotCheckpoint | undefined; shouldPause: () => boolean },
  ): Promise<Counted> {
    const { from, to } = snapshotPeriodRange(period, this.#deps.config.calendar.timezone);
    const teams = teamsOf(this.#deps.config);
    const checkpoint = run?.checkpoint;
    const accumulator = checkpoint
      ? SnapshotAccumulator.resume(checkpoint.accumulator, this.#calendar)
      : new SnapshotAccumulator(asOf.toISOString(), this.#calendar, {
          ids: teams.map((t) => t.id),
          fallback: teams[0]?.id ?? 'service-desk',
        });
    // Repeat complainants are counted by a one-way hash: no identity reaches the figures.
    const read = await this.#deps.repository.forEachReceivedBetween(
      from,
      to,
      (record, customerKey) =>
        accumulator.add(
          record,
          customerKey ? createHash('sha256').update(customerKey).digest('base64url') : undefined,
        ),
      run ? { resume: checkpoint?.position, shouldPause: run.shouldPause } : undefined,
    );
    return {
      accumulator,
      readUnits: (checkpoint?.readUnits ?? 0) + read.readUnits,
      runs: (checkpoint?.runs ?? 0) + 1,
      paused: read.paused,
    };
  }

  /** The snapshot of counted feedback: the period's campaign CSAT and the previous period's deltas added. */
  async #snapshotOf(
    period: SnapshotPeriod,
    asOf: Date,
    accumulator: SnapshotAccumulator,
    readUnits: number,
  ): Promise<Snapshot> {
    const timezone = this.#deps.config.calendar.timezone;
    const { from, to } = snapshotPeriodRange(period, timezone);
    const previousName = formatSnapshotPeriod(previousSnapshotPeriod(period));
    // The campaign answers and the previous snapshot are independent reads: side by side.
    const [campaign, previous] = await Promise.all([
      (this.#deps.campaignCsat ?? noCampaignCsat).csatBetween(from, to, asOf.toISOString()),
      this.#deps.repository.get(previousName),
    ]);
    const figures = accumulator.figures({ sum: campaign.sum, responses: campaign.responses });
    const snapshot: Snapshot = {
      period: formatSnapshotPeriod(period),
      kind: period.kind,
      from,
      to,
      timezone,
      asOf: asOf.toISOString(),
      computedAt: (this.#deps.now?.() ?? new Date()).toISOString(),
      ...figures,
      previous: null,
      readUnits: round(readUnits + (campaign.readUnits ?? 0), 1) ?? 0,
    };
    if (previous) {
      const mine = keyFigures(snapshot);
      const theirs = keyFigures(previous);
      snapshot.previous = { period: previousName, figures: theirs, deltas: deltas(mine, theirs) };
    }
    return snapshot;
  }

  /** Computes and stores a period; an unchanged result is not written again. */
  async recompute(
    periodText: string,
    asOf: Date,
  ): Promise<{ snapshot: Snapshot; changed: boolean; evaluated: EvaluatedPlanLine[] }> {
    return this.#store(await this.compute(periodText, asOf));
  }

  async #store(
    snapshot: Snapshot,
  ): Promise<{ snapshot: Snapshot; changed: boolean; evaluated: EvaluatedPlanLine[] }> {
    const existing = await this.#deps.repository.get(snapshot.period);
    const changed = !(existing && substance(existing) === substance(snapshot));
    if (changed) await this.#deps.repository.put(snapshot);
    const stored = changed ? snapshot : (existing as Snapshot);
    const evaluated = (await this.#deps.onComputed?.snapshotComputed(stored)) ?? [];
    return { snapshot: stored, changed, evaluated };
  }

  /** The scheduled run: the quarter that just ended, as of the scheduled instant, emailed once. */
  async runQuarterly(scheduledTime: Date) {
    return this.runScheduled('quarter', scheduledTime);
  }

  /**
   * A scheduled run: the period of `kind` that just ended, as of the scheduled instant. Only a
   * quarter's summary is emailed (contract §4), with the plans its snapshot checked (§8); weeks
   * and months are read on the dashboard.
   */
  async runScheduled(kind: PeriodKind, scheduledTime: Date) {
    const outcome = await this.runScheduledStep(kind, scheduledTime, {
      resume: false,
      shouldPause: () => false,
    });
    if (!outcome.done) throw new Error(`snapshot ${outcome.period} paused without a pause asked for`);
    const { done: _done, runs: _runs, ...result } = outcome;
    return result;
  }

  /**
   * One Lambda run of a scheduled computation, which may take several: a period larger than one
   * run (15 minutes) pauses at a page boundary when `shouldPause` says so, keeps what it counted
   * in a checkpoint, and answers `done: false`; the next run, started with `resume`, counts on
   * from there. The run that reads the last page stores the snapshot, emails a quarter's summary
   * once and removes the checkpoint: the figures equal one run's over the same feedback.
   */
  async runScheduledStep(
    kind: PeriodKind,
    scheduledTime: Date,
    options: ScheduledRunOptions,
  ): Promise<ScheduledRunOutcome> {
    const period = snapshotPeriodEndedBefore(scheduledTime, kind, this.#deps.config.calendar.timezone);
    const name = formatSnapshotPeriod(period);
    const asOf = scheduledTime.toISOString();
    const { checkpoints } = this.#deps;
    const checkpoint = options.resume ? await checkpoints?.load(name, asOf) : undefined;
    // Without a place to keep the counts a run cannot pause: it reads to the end.
    const shouldPause = checkpoints ? options.shouldPause : () => false;
    const counted = await this.#count(period, scheduledTime, { checkpoint, shouldPause });
    // A read that ended with the run's time already short leaves the figures, the store, the plan
    // checks and the email to a fresh run: it pauses with nothing left to read.
    const readThisRun = !checkpoint || Object.keys(checkpoint.position).length > 0;
    const position = counted.paused ?? (readThisRun && shouldPause() ? {} : undefined);
    if (checkpoints && position) {
      const { runs, readUnits } = counted;
      await checkpoints.save({
        period: name,
        asOf,
        runs,
        readUnits,
        position,
        accumulator: counted.accumulator.state(),
      });
      const feedback = counted.accumulator.feedback;
      return { done: false, period: name, asOf, feedback, readUnits: round(readUnits, 1) ?? 0, runs };
    }
    const snapshot = await this.#snapshotOf(period, scheduledTime, counted.accumulator, counted.readUnits);
    const { changed, evaluated, snapshot: stored } = await this.#store(snapshot);
    const emailed = kind === 'quarter' ? await this.#emailSummary(stored, evaluated) : false;
    if (counted.runs > 1) await checkpoints?.remove(name, asOf);
    return {
      done: true,
      period: name,
      changed,
      emailed,
      feedback: stored.totals.feedback,
      readUnits: stored.readUnits,
      plansEvaluated: evaluated.length,
      runs: counted.runs,
    };
  }

  async get(periodText: string): Promise<Snapshot | undefined> {
    return this.#deps.repository.get(formatSnapshotPeriod(parseSnapshotPeriod(periodText)));
  }

  async list(): Promise<Snapshot[]> {
    return this.#deps.repository.list();
  }

  async #emailSummary(snapshot: Snapshot, evaluated: readonly EvaluatedPlanLine[]): Promise<boolean> {
    const { repository, mailer, config } = this.#deps;
    const now = this.#deps.now?.() ?? new Date();
    if (!(await repository.claimSummaryEmail(snapshot.period, now))) return false;
    try {
      const content = await renderEmail('snapshot-summary', config.staffLanguage, {
        ...summaryData(snapshot, config, this.#deps.publicBaseUrl),
        plans: planLines(evaluated, config),
      });
      const { messageId } = await mailer.send({
        to: config.escalationEmails,
        ...content,
        tags: { kind: 'snapshot-summary', period: snapshot.period },
      });
      await repository.completeSummaryEmail(snapshot.period, now, messageId);
      return true;
    } catch (error) {
      await repository.releaseSummaryEmail(snapshot.period);
      throw error;
    }
  }
}

const LABELS: Record<Locale, Record<string, string>> = {
  en: {
    feedback: 'Feedback',
    complaints: 'Complaints',
    csatAverage: 'CSAT (1–5)',
    npsScore: 'NPS',
    complaintRate: 'Complaint rate',
    slaCompliance: 'SLA compliance',
    closureRate: 'Closure rate',
    notifiedRate: 'Customers told the outcome',
    firstResponseMedianWorkingHours: 'First response, median (working h)',
  },
  zh: {
    feedback: '反馈总数',
    complaints: '投诉数',
    csatAverage: '满意度（1–5）',
    npsScore: '净推荐值 NPS',
    complaintRate: '投诉率',
    slaCompliance: '时限达标率',
    closureRate: '闭环率',
    notifiedRate: '结果告知率',
    firstResponseMedianWorkingHours: '首次响应中位数（工作小时）',
  },
  'zh-TW': {
    feedback: '意見總數',
    complaints: '投訴數',
    csatAverage: '滿意度（1–5）',
    npsScore: '淨推薦值 NPS',
    complaintRate: '投訴率',
    slaCompliance: '時限達標率',
    closureRate: '閉環率',
    notifiedRate: '結果告知率',
    firstResponseMedianWorkingHours: '首次回應中位數（工作小時）',
  },
};
const SHARES = new Set(['complaintRate', 'slaCompliance', 'closureRate', 'notifiedRate']);

function show(key: string, value: number | null): string {
  if (value === null) return '—';
  return SHARES.has(key) ? `${round(value * 100, 1)} %` : String(value);
}

function showDelta(key: string, value: number | null | undefined): string {
  // Stryker disable next-line ConditionalExpression: undefined only without a previous period, whose deltas the email never shows
  if (value === null || value === undefined) return '—';
  const shown = SHARES.has(key) ? `${round(value * 100, 1)} pp` : String(round(value, 2));
  return value > 0 ? `+${shown}` : shown;
}

function summaryData(snapshot: Snapshot, config: StackConfig, publicBaseUrl: string) {
  const locale = config.staffLanguage;
  const figures = keyFigures(snapshot);
  const labelOf = new Map(config.policy.taxonomy.map((c) => [c.id, c.label[locale]]));
  const teamNames = new Map(teamsOf(config).map((t) => [t.id, locale === 'en' ? t.name.en : t.name.zh]));
  return {
    period: snapshot.period,
    hasPrevious: snapshot.previous !== null,
    lines: (Object.keys(figures) as (keyof KeyFigures)[]).map((key) => ({
      label: LABELS[locale][key] ?? key,
      value: show(key, figures[key]),
      delta: showDelta(key, snapshot.previous?.deltas[key]),
    })),
    categories: snapshot.topCategories.map((c, i) => ({
      rank: i + 1,
      name: labelOf.get(c.category) ?? c.category,
      count: c.count,
      share: `${round(c.share * 100, 1)} %`,
    })),
    snapshotUrl: `${publicBaseUrl}/v1/snapshots/${snapshot.period}`,
    teams: Object.entries(snapshot.byTeam).map(([id, t]) => ({
      name: teamNames.get(id) ?? id,
      feedback: t.feedback,
      complaints: t.complaints,
      slaCompliance: show('slaCompliance', t.slaCompliance),
      closureRate: show('closureRate', t.closureRate),
      // Stryker disable next-line StringLiteral: the key only chooses the share format, and hours are no share under any name
      firstResponseMedianHours: show('firstResponseMedianHours', t.firstResponseMedianHours),
      // Stryker disable next-line StringLiteral: the key only chooses the share format, and CSAT is no share under any name
      csat: show('csatAverage', t.csat.average),
    })),
  };
}

const PLAN_WORDS: Record<Locale, { met: string; missed: string; open: string; goal: string }> = {
  en: { met: 'met', missed: 'missed', open: 'not decided (no baseline or no figure)', goal: 'goal' },
  zh: { met: '达成', missed: '未达成', open: '无法判定（缺少基线或数据）', goal: '目标' },
  'zh-TW': { met: '達成', missed: '未達成', open: '無法判定（缺少基線或數據）', goal: '目標' },
};

/** One sentence per evaluated plan: the figures, the goal, met or not and by how much. */
function planLines(evaluated: readonly EvaluatedPlanLine[], config: StackConfig) {
  const words = PLAN_WORDS[config.staffLanguage];
  const num = (value: number | null) => (value === null ? '—' : String(round(value, 4)));
  return evaluated.map((line) => {
    const verdict = line.met === null ? words.open : line.met ? words.met : words.missed;
    const change =
      line.change === null ? '' : ` (${line.change > 0 ? '+' : ''}${round(line.change * 100, 1)} %)`;
    const margin =
      line.actual === null || line.goal === null
        ? ''
        : `, ${line.actual - line.goal > 0 ? '+' : ''}${round(line.actual - line.goal, 4)} vs ${words.goal}`;
    return {
      title: line.title,
      verdict: `${line.metric}${line.scope ? ` [${line.scope}]` : ''} ${num(line.baseline)} → ${num(line.actual)}${change}, ${words.goal} ${num(line.goal)}: ${verdict}${margin}`,
    };
  });
}

/**
 * A snapshot as CSV rows (`section,key,value`) for spreadsheet users. csv-stringify loads on the
 * first CSV asked for: the snapshot functions mostly answer JSON or compute.
 */
export async function snapshotCsv(snapshot: Snapshot): Promise<string> {
  const rows: (string | number | null)[][] = [['section', 'key', 'value']];
  const add = (section: string, key: string, value: unknown) =>
    rows.push([section, key, value === null || value === undefined ? '' : String(value)]);
  for (const key of ['period', 'from', 'to', 'timezone', 'asOf', 'computedAt'] as const)
    add('period', key, snapshot[key]);
  add('period', 'kind', snapshot.kind);
  for (const [key, value] of Object.entries(keyFigures(snapshot))) add('key figures', key, value);
  for (const [key, value] of Object.entries(snapshot.totals.byType)) add('by type', key, value);
  for (const [score, count] of Object.entries(snapshot.csat.distribution))
    add('csat distribution', score, count);
  add('csat', 'satisfiedShare', snapshot.csat.satisfiedShare);
  for (const [source, figures] of Object.entries(snapshot.csat.bySource ?? {})) {
    add('csat by source', `${source} average`, figures.average);
    add('csat by source', `${source} responses`, figures.responses);
  }
  for (const [key, value] of Object.entries(snapshot.nps)) add('nps', key, value);
  add('ces', 'average', snapshot.ces.average);
  for (const [name, timing] of [
    ['first response', snapshot.firstResponseTime],
    ['resolution', snapshot.resolutionTime],
  ] as const) {
    add(name, 'median clock hours', timing.clockHours.median);
    add(name, 'p90 clock hours', timing.clockHours.p90);
    add(name, 'median working hours', timing.workingHours.median);
    add(name, 'p90 working hours', timing.workingHours.p90);
    add(name, 'within SLA', timing.withinSla);
  }
  add('rates', 'reopenRate', snapshot.reopenRate);
  for (const [label, count] of Object.entries(snapshot.sentiment)) add('sentiment', label, count);
  for (const [channel, g] of Object.entries(snapshot.byChannel))
    add(
      'by channel',
      channel,
      `${g.feedback} feedback / ${g.complaints} complaints / CSAT ${g.csatAverage ?? '—'}`,
    );
  for (const [section, slices] of [
    ['by team', snapshot.byTeam],
    ['by segment', snapshot.bySegment],
    ['by service type', snapshot.byServiceType],
    ['by category', snapshot.byCategory],
  ] as const) {
    for (const [key, t] of Object.entries(slices)) {
      add(section, `${key} feedback`, t.feedback);
      add(section, `${key} complaints`, t.complaints);
      if (!('slaCompliance' in t)) continue;
      add(section, `${key} complaintRate`, t.complaintRate);
      add(section, `${key} slaCompliance`, t.slaCompliance);
      add(section, `${key} closureRate`, t.closureRate);
      add(section, `${key} notifiedRate`, t.notifiedRate);
      add(section, `${key} firstResponseMedianHours`, t.firstResponseMedianHours);
      add(section, `${key} csatAverage`, t.csat.average);
      add(section, `${key} csatResponses`, t.csat.responses);
      add(section, `${key} npsScore`, t.nps.score);
    }
  }
  for (const entry of snapshot.pareto)
    add(
      'pareto',
      entry.category,
      `${entry.count} (${entry.share}, cumulative ${entry.cumulativeShare}${entry.vital ? ', vital' : ''})`,
    );
  add('customers', 'repeatComplaintCustomers', snapshot.repeatComplaintCustomers);
  for (const [key, value] of Object.entries(snapshot.previous?.deltas ?? {})) {
    // Stryker disable next-line OptionalChaining: the loop has deltas only when there is a previous period
    add(`change since ${snapshot.previous?.period}`, key, value);
  }
  const { stringify } = await import('csv-stringify/sync');
  return stringify(rows);
}
