import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter-preact';
import { ApiError } from '../api.ts';
import { useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import type { Plan, PlanDetail } from '../types.ts';

const METRICS = ['complaints', 'complaintRate', 'csat', 'nps', 'slaCompliance', 'closureRate'] as const;
const SHARES = new Set(['complaintRate', 'slaCompliance', 'closureRate']);
/** What each stage allows (the API decides; this only hides buttons that would answer 409). */
const ACTIONS: Record<string, readonly string[]> = {
  plan: ['start'],
  do: [],
  check: ['adopt', 'revise'],
  act: ['close'],
  closed: [],
};

function errorText(t: (key: string, options?: Record<string, unknown>) => string, caught: unknown): string {
  if (caught instanceof ApiError) return t('error.generic', { message: caught.message });
  return t('error.generic', { message: caught instanceof Error ? caught.message : String(caught) });
}

/** The trend of a plan's metric across the stored snapshots: a small SVG with an accessible name. */
function TrendChart({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const show = (value: number | null) =>
    SHARES.has(plan.metric) ? format.percent(value) : format.number(value);
  const points = plan.trend.filter((p): p is { period: string; value: number } => p.value !== null);
  const name = t(`plans.metric.${plan.metric}`);
  const label = `${t('plans.trendOf', { metric: name })}: ${plan.trend.map((p) => `${p.period} ${show(p.value)}`).join(', ')}`;
  const width = 320;
  const height = 140;
  const values = points.map((p) => p.value);
  if (plan.evaluation?.goal !== null && plan.evaluation?.goal !== undefined)
    values.push(plan.evaluation.goal);
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const x = (i: number) => 30 + (points.length <= 1 ? 0 : (i * (width - 60)) / (points.length - 1));
  const y = (value: number) => height - 25 - ((value - min) / span) * (height - 45);
  const goal = plan.evaluation?.goal;
  return (
    <figure class="plan-trend">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <line x1="30" y1={height - 25} x2={width - 30} y2={height - 25} stroke="#767676" />
        {goal !== null && goal !== undefined && (
          <line x1="30" y1={y(goal)} x2={width - 30} y2={y(goal)} stroke="#b00020" stroke-dasharray="4 3" />
        )}
        <polyline
          fill="none"
          stroke="#005fcc"
          stroke-width="2"
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
        />
        {points.map((p, i) => (
          <g key={p.period}>
            <circle cx={x(i)} cy={y(p.value)} r="4" fill="#005fcc" />
            <text x={x(i)} y={height - 8} font-size="11" text-anchor="middle" fill="#1a1a1a">
              {p.period}
            </text>
            <text x={x(i)} y={y(p.value) - 8} font-size="11" text-anchor="middle" fill="#1a1a1a">
              {show(p.value)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="small muted">{t('plans.trendCaption')}</figcaption>
    </figure>
  );
}

function PlanView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () =>
    api
      .plan(id)
      .then(setPlan, (caught: unknown) =>
        setError(
          caught instanceof ApiError && caught.status === 404 ? t('plans.notFound') : errorText(t, caught),
        ),
      );
  useEffect(() => {
    setPlan(null);
    setError('');
    void load();
  }, [id]);
  if (error && !plan)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!plan) return <p role="status">{t('inbox.loading')}</p>;
  const show = (value: number | null) =>
    SHARES.has(plan.metric) ? format.percent(value) : format.number(value);
  const act = async (action: string) => {
    setBusy(true);
    setError('');
    try {
      await api.planAction(id, { action, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      await load();
      onChanged();
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setBusy(false);
    }
  };
  const e = plan.evaluation;
  return (
    <article aria-labelledby="plan-title" class="plan-detail">
      <h2 id="plan-title">{plan.title}</h2>
      <p class="status-line">
        <span class="status-badge" data-testid="plan-stage">
          {t(`plans.stageName.${plan.stage}`)}
        </span>
      </p>
      <div class="columns">
        <dl class="facts">
          <dt>{t('plans.problem')}</dt>
          <dd class="pre">{plan.problem}</dd>
          <dt>{t('plans.owner')}</dt>
          <dd>{plan.owner}</dd>
          <dt>{t('plans.metricLabel')}</dt>
          <dd>{t(`plans.metric.${plan.metric}`)}</dd>
          <dt>{t('plans.scope')}</dt>
          <dd>{scopeText(t, plan)}</dd>
          <dt>{t('plans.periods')}</dt>
          <dd>
            {plan.baselinePeriod} → {plan.targetPeriod}
          </dd>
          <dt>{t('plans.goal')}</dt>
          <dd>{t(`plans.direction.${plan.goal.direction}`, { by: format.percent(plan.goal.by) })}</dd>
          <dt>{t('plans.measures')}</dt>
          <dd>
            <ul class="plain">
              {plan.measures.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </dd>
        </dl>
        <section aria-labelledby="evaluation-title">
          <h3 id="evaluation-title">{t('plans.evaluation')}</h3>
          {e ? (
            <dl class="facts" data-testid="plan-evaluation">
              <dt>{t('plans.baseline', { period: e.baselinePeriod })}</dt>
              <dd>{show(e.baseline)}</dd>
              <dt>{t('plans.actual', { period: e.period })}</dt>
              <dd>{show(e.actual)}</dd>
              <dt>{t('plans.goalValue')}</dt>
              <dd>{show(e.goal)}</dd>
              <dt>{t('plans.verdict')}</dt>
              <dd>
                <strong>
                  {e.met === null ? t('plans.undecided') : e.met ? t('plans.met') : t('plans.missed')}
                </strong>
              </dd>
            </dl>
          ) : (
            <p class="muted">{t('plans.notEvaluated')}</p>
          )}
          <TrendChart plan={plan} />
        </section>
      </div>
      <section aria-labelledby="plan-actions-title" class="actions">
        <h3 id="plan-actions-title">{t('plans.move')}</h3>
        <label>
          {t('plans.note')}
          <textarea value={note} maxLength={2000} onInput={(ev) => setNote(ev.currentTarget.value)} />
        </label>
        {(ACTIONS[plan.stage] ?? []).map((action) => (
          <button key={action} type="button" disabled={busy} onClick={() => void act(action)}>
            {t(`plans.action.${action}`)}
          </button>
        ))}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <section aria-labelledby="plan-history-title">
        <h3 id="plan-history-title">{t('plans.history')}</h3>
        <ol>
          {plan.history.map((h) => (
            <li key={`${h.at}-${h.action}`}>
              {format.date(h.at)} — {h.action} ({h.actor}){h.note ? `: ${h.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function scopeText(
  t: (key: string, options?: Record<string, unknown>) => string,
  plan: Pick<Plan, 'scope'>,
): string {
  const entries = Object.entries(plan.scope).filter(([, v]) => v);
  return entries.length
    ? entries.map(([k, v]) => `${t(`plans.scopeKind.${k}`)}: ${v}`).join(', ')
    : t('plans.scopeKind.all');
}

function CreatePlanForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const kind = value('scopeKind');
    const body = {
      title: value('title'),
      problem: value('problem'),
      owner: value('owner'),
      scope: kind && value('scopeValue') ? { [kind]: value('scopeValue') } : {},
      metric: value('metric'),
      baselinePeriod: value('baselinePeriod'),
      targetPeriod: value('targetPeriod'),
      goal: { direction: value('direction'), by: Number(value('by')) / 100 },
      measures: value('measures')
        .split('\n')
        .map((m) => m.trim())
        .filter(Boolean),
      public: form.get('public') === 'on',
    };
    setBusy(true);
    setError('');
    try {
      const created = await api.createPlan(body);
      (event.currentTarget as HTMLFormElement | null)?.reset();
      onCreated(created.id);
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="plan-form" onSubmit={(e) => void submit(e)} aria-labelledby="create-plan-title">
      <h2 id="create-plan-title">{t('plans.create')}</h2>
      <label>
        {t('plans.titleField')}
        <input name="title" required maxLength={200} />
      </label>
      <label>
        {t('plans.problem')}
        <textarea name="problem" required maxLength={2000} />
      </label>
      <label>
        {t('plans.owner')}
        <input name="owner" type="email" required maxLength={254} />
      </label>
      <label>
        {t('plans.metricLabel')}
        <select name="metric">
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`plans.metric.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('plans.scopeKindLabel')}
        <select name="scopeKind">
          <option value="">{t('plans.scopeKind.all')}</option>
          <option value="category">{t('plans.scopeKind.category')}</option>
          <option value="team">{t('plans.scopeKind.team')}</option>
          <option value="channel">{t('plans.scopeKind.channel')}</option>
        </select>
      </label>
      <label>
        {t('plans.scopeValue')}
        <input name="scopeValue" maxLength={64} />
      </label>
      <label>
        {t('plans.baselinePeriod')}
        <input name="baselinePeriod" required pattern="\d{4}-Q[1-4]" placeholder="2026-Q3" maxLength={7} />
      </label>
      <label>
        {t('plans.targetPeriod')}
        <input name="targetPeriod" required pattern="\d{4}-Q[1-4]" placeholder="2026-Q4" maxLength={7} />
      </label>
      <label>
        {t('plans.directionLabel')}
        <select name="direction">
          <option value="decrease">{t('plans.decrease')}</option>
          <option value="increase">{t('plans.increase')}</option>
        </select>
      </label>
      <label>
        {t('plans.byPercent')}
        <input name="by" type="number" required min="1" max="1000" step="1" />
      </label>
      <label>
        {t('plans.measuresField')}
        <textarea name="measures" required />
      </label>
      <label class="check">
        <input name="public" type="checkbox" /> {t('plans.public')}
      </label>
      <button type="submit" disabled={busy}>
        {t('plans.createButton')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Improvement plans (contract §8): the list, a form to create one, and one plan with its evaluation and trend. */
export function PlansPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
  const [, navigate] = useLocation();
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [error, setError] = useState('');
  const load = () =>
    api.plans().then(
      (page) => setPlans(page.items),
      (caught: unknown) => setError(errorText(t, caught)),
    );
  useEffect(() => {
    void load();
  }, []);
  return (
    <section aria-labelledby="plans-title" class="plans">
      <h1 id="plans-title">{t('plans.title')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!plans && !error && <p role="status">{t('inbox.loading')}</p>}
      {plans && (
        <div class="table-wrap">
          <table class="inbox" aria-labelledby="plans-title">
            <thead>
              <tr>
                <th scope="col">{t('plans.titleField')}</th>
                <th scope="col">{t('plans.metricLabel')}</th>
                <th scope="col">{t('plans.scope')}</th>
                <th scope="col">{t('plans.periods')}</th>
                <th scope="col">{t('plans.stage')}</th>
                <th scope="col">{t('plans.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id} aria-current={plan.id === id ? 'true' : undefined}>
                  <td>
                    <Link href={`/plans/${encodeURIComponent(plan.id)}`}>{plan.title}</Link>
                  </td>
                  <td>{t(`plans.metric.${plan.metric}`)}</td>
                  <td>{scopeText(t, plan)}</td>
                  <td>
                    {plan.baselinePeriod} → {plan.targetPeriod}
                  </td>
                  <td>{t(`plans.stageName.${plan.stage}`)}</td>
                  <td>
                    {plan.evaluation
                      ? plan.evaluation.met === null
                        ? t('plans.undecided')
                        : `${plan.evaluation.met ? t('plans.met') : t('plans.missed')} (${format.number(plan.evaluation.baseline)} → ${format.number(plan.evaluation.actual)})`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!plans.length && <p class="muted">{t('plans.empty')}</p>}
        </div>
      )}
      {id && <PlanView id={id} onChanged={() => void load()} />}
      <CreatePlanForm
        onCreated={(created) => {
          void load();
          navigate(`/plans/${encodeURIComponent(created)}`);
        }}
      />
    </section>
  );
}
