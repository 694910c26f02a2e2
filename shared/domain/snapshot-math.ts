import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';
import type { BusinessCalendar } from './calendar.ts';
import { isComplaint } from './complaint.ts';
import { teamAsOf } from './teams.ts';

/** Nearest-rank quantile of sorted values (`q` in 0…1); null for no values. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  // With no values, rank 1 reads past the end: null.
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Rounds to `digits` decimals (figures are reported, not computed further). */
export function round(value: number | null, digits = 2): number | null {
  // Stryker disable next-line ConditionalExpression: `value === null` → false is equivalent: Number.isFinite(null) is false, so null still returns null
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface NpsFigures {
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** NPS from 0–10 answers: % promoters (9–10) − % detractors (0–6), null with no answers. */
export function npsFrom(counts: readonly number[]): NpsFigures {
  const responses = counts.reduce((a, b) => a + b, 0);
  const promoters = (counts[9] ?? 0) + (counts[10] ?? 0);
  const detractors = counts.slice(0, 7).reduce((a, b) => a + b, 0);
  return {
    score: responses ? round(((promoters - detractors) / responses) * 100, 1) : null,
    responses,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
  };
}

export interface ParetoEntry {
  category: string;
  count: number;
  share: number;
  cumulativeShare: number;
  /** In the "vital few": the categories that together make up the first 80 % of complaints. */
  vital: boolean;
}

/**
 * Pareto analysis of complaint counts: descending by count (ties by name, so the order is
 * stable), with cumulative shares; the vital few are the categories up to and including the
 * one that reaches 80 %.
 */
export function pareto(counts: ReadonlyMap<string, number>, threshold = 0.8): ParetoEntry[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const sorted = [...counts.entries()]
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  let cumulative = 0;
  let reached = false;
  return sorted.map(([category, count]) => {
    const vital = !reached;
    cumulative += count;
    // Stryker disable next-line EqualityOperator: `>` equals `>=` here; the tolerance absorbs float error at exactly 80 %
    if (cumulative / total >= threshold - 1e-12) reached = true;
    return {
      category,
      count,
      share: round(count / total, 4) ?? 0,
      cumulativeShare: round(cumulative / total, 4) ?? 0,
      vital,
    };
  });
}

/** A growable list of numbers in a typed array: a million values are 8 MB, not 30. */
export class NumberSeries {
  #values = new Float64Array(1024);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  /** The values pushed so far, in order (a copy: the series may grow on). */
  values(): Float64Array {
    return this.#values.slice(0, this.#length);
  }

  /** A series holding `values` (a checkpoint's), ready to grow on. */
  static of(values: Float64Array): NumberSeries {
    const series = new NumberSeries();
    series.#values = new Float64Array(Math.max(1024, values.length));
    series.#values.set(values);
    series.#length = values.length;
    return series;
  }

  /** Median and 90th percentile (nearest rank), rounded to 0.01. */
  summary(): { median: number | null; p90: number | null; count: number } {
    const sorted = this.#values.slice(0, this.#length).sort();
    return { median: round(quantile(sorted, 0.5)), p90: round(quantile(sorted, 0.9)), count: this.#length };
  }
}

/** The history action staff record when they told the customer the outcome on a call. */
export const CALL_RECORDED = 'record_call';
const CLOSURE_NOTICE_KINDS = ['closure-notice:', 'closure-sms:'];

/**
 * Whether the customer was told the outcome of the resolution in force at `asOf`: a closure
 * email or SMS sent (its `notifications` record) or a call recorded in the history, at or after
 * the latest `resolve` and no later than `asOf`.
 */
export function customerToldAsOf(record: FeedbackRecord, state: FeedbackAsOf, asOf: string): boolean {
  const since = state.lastResolvedAt;
  // Stryker disable next-line ConditionalExpression: without a resolution nothing compares as at or after it either
  if (!since) return false;
  if (state.lastCalledAt && state.lastCalledAt >= since) return true;
  return Object.entries(record.notifications ?? {}).some(
    ([kind, notice]) =>
      CLOSURE_NOTICE_KINDS.some((prefix) => kind.startsWith(prefix)) &&
      // Stryker disable next-line ConditionalExpression: an unsent notice (no sentAt) compares false below anyway; the check is for the type
      notice.sentAt !== undefined &&
      notice.sentAt >= since &&
      notice.sentAt <= asOf,
  );
}

const FIRST_RESPONSE_ACTIONS = new Set(['acknowledge', 'wait_for_customer', 'resolve']);
const HOUR = 3_600_000;

/** What a feedback looked like at `asOf`, replayed from its history (later events ignored). */
export interface FeedbackAsOf {
  status: FeedbackRecord['status'];
  firstResponseAt: string | null;
  firstResolvedAt: string | null;
  reopened: boolean;
  everResolved: boolean;
  /**
   * The deadlines SLA is judged against: each one as it stood when that work was done (a pause
   * for the customer moves the resolution deadline), or as it stands at `asOf` while the work is
   * still open. Reopens set new deadlines; SLA counts the first cycle only.
   */
  deadlines: FeedbackRecord['deadlines'];
  /** Waiting for the customer at `asOf`, since this instant: the resolution clock is paused. */
  waitingSince: string | null;
  surveyCsats: number[];
  /** The latest `resolve` at or before `asOf`: a closure notice counts when sent after it. */
  lastResolvedAt: string | null;
  /** The latest `record_call` (the outcome told by phone) at or before `asOf`. */
  lastCalledAt: string | null;
}

type Deadlines = NonNullable<FeedbackRecord['deadlines']>;

/** Replays a feedback's history up to `asOf`. */
export function feedbackAsOf(record: FeedbackRecord, asOf: string): FeedbackAsOf {
  const state: FeedbackAsOf = {
    status: 'received',
    firstResponseAt: null,
    firstResolvedAt: null,
    reopened: false,
    everResolved: false,
    deadlines: null,
    waitingSince: null,
    surveyCsats: [],
    lastResolvedAt: null,
    lastCalledAt: null,
  };
  let inForce: Deadlines | null = null;
  let firstResponseDue: string | null = null;
  let resolutionDue: string | null = null;
  for (const entry of record.history as HistoryEntry[]) {
    if (entry.at > asOf) break;
    if (entry.to) state.status = entry.to;
    const moved = entry.deadlines as Deadlines | undefined;
    if (entry.action === 'triaged') inForce = moved ?? record.deadlines;
    else if (moved && !state.everResolved) inForce = moved;
    if (entry.action === 'wait_for_customer') state.waitingSince = entry.at;
    if (entry.action === 'resume' || entry.action === 'resolve') state.waitingSince = null;
    if (FIRST_RESPONSE_ACTIONS.has(entry.action) && !state.firstResponseAt) {
      state.firstResponseAt = entry.at;
      firstResponseDue = inForce?.firstResponseDue ?? null;
    }
    if (entry.action === 'resolve') {
      if (!state.firstResolvedAt) {
        state.firstResolvedAt = entry.at;
        resolutionDue = inForce?.resolutionDue ?? null;
      }
      state.lastResolvedAt = entry.at;
      state.everResolved = true;
    }
    if (entry.action === 'reopen') state.reopened = true;
    if (entry.action === CALL_RECORDED) state.lastCalledAt = entry.at;
    if (entry.action === 'survey_answered' && typeof entry.csat === 'number')
      state.surveyCsats.push(entry.csat);
  }
  if (inForce) {
    state.deadlines = {
      firstResponseDue: firstResponseDue ?? inForce.firstResponseDue,
      resolutionDue: state.firstResolvedAt ? resolutionDue : inForce.resolutionDue,
    };
  }
  return state;
}

/**
 * The figures of one slice of a snapshot (a team, a channel, a category, a segment, a service
 * type): the same counters as the whole quarter, so an improvement plan scoped to any slice is
 * checked against exact figures without a second read of the table (contract §7, §8, §11).
 */
class ScopeCounters {
  feedback = 0;
  complaints = 0;
  deadlinesMet = 0;
  deadlinesDue = 0;
  complaintsClosed = 0;
  complaintsNotified = 0;
  csatSum = 0;
  csatResponses = 0;
  // Stryker disable next-line ArrayDeclaration: an unfilled array counts the same (missing entries read as 0)
  readonly nps = new Array<number>(11).fill(0);
  firstResponseWorking = new NumberSeries();

  state(): ScopeCountersState {
    const { firstResponseWorking, nps, ...counts } = this;
    return { ...counts, nps: [...nps], firstResponseWorking: firstResponseWorking.values() };
  }

  static resume(state: ScopeCountersState): ScopeCounters {
    const scope = new ScopeCounters();
    const { firstResponseWorking, nps, ...counts } = state;
    Object.assign(scope, counts);
    scope.nps.splice(0, nps.length, ...nps);
    scope.firstResponseWorking = NumberSeries.of(firstResponseWorking);
    return scope;
  }

  figures() {
    const ratio = (a: number, b: number) => (b ? round(a / b, 4) : null);
    const nps = npsFrom(this.nps);
    const csatAverage = this.csatResponses ? round(this.csatSum / this.csatResponses) : null;
    return {
      feedback: this.feedback,
      complaints: this.complaints,
      complaintRate: ratio(this.complaints, this.feedback),
      slaCompliance: ratio(this.deadlinesMet, this.deadlinesDue),
      closureRate: ratio(this.complaintsClosed, this.complaints),
      notifiedRate: ratio(this.complaintsNotified, this.complaintsClosed),
      firstResponseMedianHours: this.firstResponseWorking.summary().median,
      csat: { average: csatAverage, responses: this.csatResponses },
      nps: { score: nps.score, responses: nps.responses },
      /** Kept beside `csat.average` for readers of the v1 `byChannel` shape. */
      csatAverage,
    };
  }
}

/** One slice's counters as plain data (a checkpoint's part). */
export interface ScopeCountersState {
  feedback: number;
  complaints: number;
  deadlinesMet: number;
  deadlinesDue: number;
  complaintsClosed: number;
  complaintsNotified: number;
  csatSum: number;
  csatResponses: number;
  nps: number[];
  firstResponseWorking: Float64Array;
}

/** Scope counters by key, created on first use; reported sorted by key. */
class ScopeBreakdown {
  readonly #scopes = new Map<string, ScopeCounters>();

  constructor(keys: readonly string[] = []) {
    for (const key of keys) this.#scopes.set(key, new ScopeCounters());
  }

  state(): [string, ScopeCountersState][] {
    return [...this.#scopes.entries()].map(([key, scope]) => [key, scope.state()]);
  }

  static resume(entries: readonly [string, ScopeCountersState][]): ScopeBreakdown {
    const breakdown = new ScopeBreakdown();
    for (const [key, state] of entries) breakdown.#scopes.set(key, ScopeCounters.resume(state));
    return breakdown;
  }

  of(key: string): ScopeCounters {
    let scope = this.#scopes.get(key);
    if (!scope) {
      scope = new ScopeCounters();
      this.#scopes.set(key, scope);
    }
    return scope;
  }

  figures() {
    return Object.fromEntries(
      [...this.#scopes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, s]) => [key, s.figures()]),
    );
  }
}

/** CSAT answers (1–5) of one source: how many, and their sum (the average is exact from them). */
export interface CsatCounts {
  sum: number;
  responses: number;
}
export const NO_CSAT: CsatCounts = { sum: 0, responses: 0 };

function csatFigures(counts: CsatCounts): { average: number | null; responses: number } {
  return {
    average: counts.responses ? round(counts.sum / counts.responses) : null,
    responses: counts.responses,
  };
}

/** Which teams a snapshot reports (all configured, even with nothing) and where unrouted feedback counts. */
export interface SnapshotTeams {
  ids: readonly string[];
  /** The team feedback without a recorded team counts for (the first team). */
  fallback: string;
}

type Counted = [key: string, count: number][];

/** A {@link SnapshotAccumulator}'s counts as plain data, to checkpoint between Lambda runs. */
export interface SnapshotAccumulatorState {
  version: 1;
  asOf: string;
  teamFallback: string;
  counts: {
    feedback: number;
    complaints: number;
    cesSum: number;
    cesResponses: number;
    firstResponseMet: number;
    firstResponseDue: number;
    resolutionMet: number;
    resolutionDue: number;
    complaintsClosed: number;
    complaintsNotified: number;
    everResolved: number;
    reopened: number;
  };
  csat: number[];
  nps: number[];
  intakeCsat: CsatCounts;
  followUpCsat: CsatCounts;
  byType: Counted;
  sentiment: Counted;
  categories: Counted;
  complaintsByCustomer: Counted;
  series: Record<SeriesName, Float64Array>;
  scopes: Record<ScopeName, [string, ScopeCountersState][]>;
}

/** The timed values the accumulator keeps, one number per event. */
type SeriesName = 'firstResponseClock' | 'firstResponseWorking' | 'resolutionClock' | 'resolutionWorking';
/** The slices the snapshot reports. */
type ScopeName = 'byTeam' | 'byChannel' | 'byServiceType' | 'bySegment' | 'byCategory';

/** `record` with each value replaced by `f` of it (same keys). */
function mapValues<K extends string, A, B>(record: Record<K, A>, f: (value: A) => B): Record<K, B> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value as A)])) as Record<
    K,
    B
  >;
}

/**
 * Accumulates one quarter's feedback, one record at a time (page by page from the index), into
 * the snapshot figures. Keeps counters and one number per timed event only.
 */
export class SnapshotAccumulator {
  readonly #asOf: string;
  readonly #calendar: BusinessCalendar;
  /** The quarter's plain counters (kept together: a checkpoint copies them as they are). */
  readonly #counts: SnapshotAccumulatorState['counts'] = {
    feedback: 0,
    complaints: 0,
    cesSum: 0,
    cesResponses: 0,
    firstResponseMet: 0,
    firstResponseDue: 0,
    resolutionMet: 0,
    resolutionDue: 0,
    complaintsClosed: 0,
    complaintsNotified: 0,
    everResolved: 0,
    reopened: 0,
  };
  readonly #byType = new Map<string, number>();
  readonly #csat = [0, 0, 0, 0, 0];
  // Stryker disable next-line ArrayDeclaration: an unfilled array counts the same (missing entries read as 0)
  readonly #nps = new Array<number>(11).fill(0);
  #series: Record<SeriesName, NumberSeries> = {
    firstResponseClock: new NumberSeries(),
    firstResponseWorking: new NumberSeries(),
    resolutionClock: new NumberSeries(),
    resolutionWorking: new NumberSeries(),
  };
  readonly #intakeCsat = { sum: 0, responses: 0 };
  readonly #followUpCsat = { sum: 0, responses: 0 };
  readonly #sentiment = new Map<string, number>();
  readonly #categories = new Map<string, number>();
  readonly #complaintsByCustomer = new Map<string, number>();
  #scopes: Record<ScopeName, ScopeBreakdown>;
  readonly #teamFallback: string;

  constructor(asOf: string, calendar: BusinessCalendar, teams?: SnapshotTeams) {
    this.#asOf = asOf;
    this.#calendar = calendar;
    this.#scopes = {
      byTeam: new ScopeBreakdown(teams?.ids ?? []),
      byChannel: new ScopeBreakdown(),
      byServiceType: new ScopeBreakdown(),
      bySegment: new ScopeBreakdown(),
      byCategory: new ScopeBreakdown(),
    };
    this.#teamFallback = teams?.fallback ?? teams?.ids[0] ?? 'service-desk';
  }

  /**
   * Everything counted so far as plain data (numbers, strings, arrays, typed arrays): a quarter
   * too large for one Lambda run is checkpointed with it between runs, and
   * {@link SnapshotAccumulator.resume} counts on from it to the same figures.
   */
  state(): SnapshotAccumulatorState {
    const entries = (map: ReadonlyMap<string, number>) => [...map.entries()];
    return {
      version: 1,
      asOf: this.#asOf,
      teamFallback: this.#teamFallback,
      counts: { ...this.#counts },
      csat: [...this.#csat],
      nps: [...this.#nps],
      intakeCsat: { ...this.#intakeCsat },
      followUpCsat: { ...this.#followUpCsat },
      byType: entries(this.#byType),
      sentiment: entries(this.#sentiment),
      categories: entries(this.#categories),
      complaintsByCustomer: entries(this.#complaintsByCustomer),
      series: mapValues(this.#series, (series) => series.values()),
      scopes: mapValues(this.#scopes, (breakdown) => breakdown.state()),
    };
  }

  /** An accumulator that counts on from a {@link SnapshotAccumulator.state}. */
  static resume(state: SnapshotAccumulatorState, calendar: BusinessCalendar): SnapshotAccumulator {
    if (state.version !== 1) throw new Error(`unknown snapshot checkpoint version ${String(state.version)}`);
    const accumulator = new SnapshotAccumulator(state.asOf, calendar, {
      ids: [],
      fallback: state.teamFallback,
    });
    Object.assign(accumulator.#counts, state.counts);
    accumulator.#csat.splice(0, state.csat.length, ...state.csat);
    accumulator.#nps.splice(0, state.nps.length, ...state.nps);
    Object.assign(accumulator.#intakeCsat, state.intakeCsat);
    Object.assign(accumulator.#followUpCsat, state.followUpCsat);
    for (const [map, entries] of [
      [accumulator.#byType, state.byType],
      [accumulator.#sentiment, state.sentiment],
      [accumulator.#categories, state.categories],
      [accumulator.#complaintsByCustomer, state.complaintsByCustomer],
    ] as const) {
      for (const [key, count] of entries) map.set(key, count);
    }
    accumulator.#series = mapValues(state.series, (values) => NumberSeries.of(values));
    accumulator.#scopes = mapValues(state.scopes, (entries) => ScopeBreakdown.resume(entries));
    return accumulator;
  }

  /** How many feedback have been counted. */
  get feedback(): number {
    return this.#counts.feedback;
  }

  /** Counts one feedback. `customerKey` identifies repeat complainants; it is never reported. */
  add(record: FeedbackRecord, customerKey?: string): void {
    const state = feedbackAsOf(record, this.#asOf);
    const type = record.type ?? 'untriaged';
    const complaint = isComplaint(record.type);
    this.#counts.feedback += 1;
    if (complaint) this.#counts.complaints += 1;
    this.#byType.set(type, (this.#byType.get(type) ?? 0) + 1);

    const csats = [...(record.ratings.csat ? [record.ratings.csat] : []), ...state.surveyCsats];
    if (record.ratings.csat) {
      this.#intakeCsat.sum += record.ratings.csat;
      this.#intakeCsat.responses += 1;
    }
    for (const csat of state.surveyCsats) {
      this.#followUpCsat.sum += csat;
      this.#followUpCsat.responses += 1;
    }
    for (const csat of csats) this.#csat[csat - 1] = (this.#csat[csat - 1] ?? 0) + 1;
    // Stryker disable next-line ConditionalExpression: `!== undefined` → true is equivalent: an absent answer writes the array's "undefined" property, which npsFrom (indices 0–10 only) never reads
    if (record.ratings.nps !== undefined)
      this.#nps[record.ratings.nps] = (this.#nps[record.ratings.nps] ?? 0) + 1;
    if (record.ratings.ces !== undefined) {
      this.#counts.cesSum += record.ratings.ces;
      this.#counts.cesResponses += 1;
    }

    const received = new Date(record.receivedAt);
    const deadlines = state.deadlines;
    const scopes = [
      this.#scopes.byTeam.of(teamAsOf(record, this.#asOf, this.#teamFallback)),
      this.#scopes.byChannel.of(record.channel),
      this.#scopes.byServiceType.of(record.serviceType ?? 'unspecified'),
      this.#scopes.bySegment.of(record.customer?.segment ?? 'unspecified'),
      this.#scopes.byCategory.of(record.category ?? 'uncategorized'),
    ];
    const closed = complaint && (state.status === 'resolved' || state.status === 'closed');
    const notified = closed && customerToldAsOf(record, state, this.#asOf);
    for (const scope of scopes) {
      scope.feedback += 1;
      if (complaint) scope.complaints += 1;
      if (closed) scope.complaintsClosed += 1;
      if (notified) scope.complaintsNotified += 1;
      for (const csat of csats) {
        scope.csatSum += csat;
        scope.csatResponses += 1;
      }
      // Stryker disable next-line ConditionalExpression: `!== undefined` → true is equivalent: an absent answer writes the array's "undefined" property, which npsFrom (indices 0–10 only) never reads
      if (record.ratings.nps !== undefined)
        scope.nps[record.ratings.nps] = (scope.nps[record.ratings.nps] ?? 0) + 1;
    }
    const countDeadline = (met: boolean, counted: boolean) => {
      for (const scope of scopes) {
        if (met) scope.deadlinesMet += 1;
        if (counted) scope.deadlinesDue += 1;
      }
    };
    if (state.firstResponseAt) {
      const at = new Date(state.firstResponseAt);
      this.#series.firstResponseClock.push((at.getTime() - received.getTime()) / HOUR);
      const working = this.#calendar.workingTimeBetween(received, at) / HOUR;
      this.#series.firstResponseWorking.push(working);
      for (const scope of scopes) scope.firstResponseWorking.push(working);
    }
    if (deadlines) {
      const due = deadlines.firstResponseDue;
      // Stryker disable next-line ConditionalExpression: `firstResponseAt !== null` → true is equivalent: `null <= due` compares 0 with NaN (an ISO string), false like the guard
      const met = state.firstResponseAt !== null && state.firstResponseAt <= due;
      // A deadline counts once it was met, or once it passed
      const counted = state.firstResponseAt !== null || due <= this.#asOf;
      if (met) this.#counts.firstResponseMet += 1;
      if (counted) this.#counts.firstResponseDue += 1;
      countDeadline(met, counted);
    }
    if (state.firstResolvedAt) {
      const at = new Date(state.firstResolvedAt);
      this.#series.resolutionClock.push((at.getTime() - received.getTime()) / HOUR);
      this.#series.resolutionWorking.push(this.#calendar.workingTimeBetween(received, at) / HOUR);
    }
    if (deadlines?.resolutionDue) {
      const due = deadlines.resolutionDue;
      // Stryker disable next-line ConditionalExpression: `firstResolvedAt !== null` → true is equivalent: `null <= due` compares 0 with NaN (an ISO string), false like the guard
      const met = state.firstResolvedAt !== null && state.firstResolvedAt <= due;
      // While waiting for the customer the clock is paused: a deadline ahead of the pause has not passed
      // Stryker disable next-line ConditionalExpression: `waitingSince !== null` → true is equivalent: `null < due` compares 0 with NaN (an ISO string), false like the guard
      const paused = state.waitingSince !== null && state.waitingSince < due;
      const counted = state.firstResolvedAt !== null || (due <= this.#asOf && !paused);
      if (met) this.#counts.resolutionMet += 1;
      if (counted) this.#counts.resolutionDue += 1;
      countDeadline(met, counted);
    }

    if (closed) this.#counts.complaintsClosed += 1;
    if (notified) this.#counts.complaintsNotified += 1;
    if (state.everResolved) this.#counts.everResolved += 1;
    if (state.reopened) this.#counts.reopened += 1;
    const label = record.sentiment?.label ?? (record.sentimentPending ? 'PENDING' : 'NONE');
    this.#sentiment.set(label, (this.#sentiment.get(label) ?? 0) + 1);

    if (complaint) {
      const category = record.category ?? 'uncategorized';
      this.#categories.set(category, (this.#categories.get(category) ?? 0) + 1);
      if (customerKey)
        this.#complaintsByCustomer.set(customerKey, (this.#complaintsByCustomer.get(customerKey) ?? 0) + 1);
    }
  }

  /**
   * The figures, all anonymous: counts, shares, averages and percentiles only. `campaign` is
   * the period's campaign CSAT (counted where campaign responses are stored); it is reported in
   * `csat.bySource` only and stays out of `csat.average` (intake and follow-up ratings).
   */
  figures(campaign: CsatCounts = NO_CSAT) {
    const complaints = this.#counts.complaints;
    const csatResponses = this.#csat.reduce((a, b) => a + b, 0);
    const csatSum = this.#csat.reduce((sum, n, i) => sum + n * (i + 1), 0);
    const satisfied = (this.#csat[3] ?? 0) + (this.#csat[4] ?? 0);
    const ratio = (a: number, b: number) => (b ? round(a / b, 4) : null);
    const paretoEntries = pareto(this.#categories);
    const firstResponse = {
      clockHours: this.#series.firstResponseClock.summary(),
      workingHours: this.#series.firstResponseWorking.summary(),
    };
    const resolution = {
      clockHours: this.#series.resolutionClock.summary(),
      workingHours: this.#series.resolutionWorking.summary(),
    };
    return {
      totals: {
        feedback: this.#counts.feedback,
        complaints,
        byType: Object.fromEntries([...this.#byType.entries()].sort(([a], [b]) => a.localeCompare(b))),
      },
      csat: {
        average: csatResponses ? round(csatSum / csatResponses) : null,
        responses: csatResponses,
        distribution: Object.fromEntries(this.#csat.map((count, i) => [String(i + 1), count])),
        satisfiedShare: ratio(satisfied, csatResponses),
        bySource: {
          intake: csatFigures(this.#intakeCsat),
          followUp: csatFigures(this.#followUpCsat),
          campaign: csatFigures(campaign),
        },
      },
      nps: npsFrom(this.#nps),
      ces: {
        average: this.#counts.cesResponses ? round(this.#counts.cesSum / this.#counts.cesResponses) : null,
        responses: this.#counts.cesResponses,
      },
      complaintRate: ratio(complaints, this.#counts.feedback),
      firstResponseTime: {
        ...firstResponse,
        withinSla: ratio(this.#counts.firstResponseMet, this.#counts.firstResponseDue),
      },
      resolutionTime: {
        ...resolution,
        withinSla: ratio(this.#counts.resolutionMet, this.#counts.resolutionDue),
      },
      slaCompliance: ratio(
        this.#counts.firstResponseMet + this.#counts.resolutionMet,
        this.#counts.firstResponseDue + this.#counts.resolutionDue,
      ),
      closureRate: ratio(this.#counts.complaintsClosed, complaints),
      notifiedRate: ratio(this.#counts.complaintsNotified, this.#counts.complaintsClosed),
      reopenRate: ratio(this.#counts.reopened, this.#counts.everResolved),
      sentiment: Object.fromEntries([...this.#sentiment.entries()].sort(([a], [b]) => a.localeCompare(b))),
      byChannel: this.#scopes.byChannel.figures(),
      byServiceType: this.#scopes.byServiceType.figures(),
      bySegment: this.#scopes.bySegment.figures(),
      byCategory: this.#scopes.byCategory.figures(),
      byTeam: this.#scopes.byTeam.figures(),
      pareto: paretoEntries,
      topCategories: paretoEntries.filter((entry) => entry.vital),
      repeatComplaintCustomers: [...this.#complaintsByCustomer.values()].filter((n) => n >= 2).length,
    };
  }
}
