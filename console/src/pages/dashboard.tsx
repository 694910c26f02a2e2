import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter-preact';
import type { ListFilters } from '../api.ts';
import { useProfile, useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import { drillDownHref, FIGURE_FILTERS } from '../logic/drill-down.ts';
import { may } from '../logic/permissions.ts';
import type { Snapshot } from '../types.ts';
import { HotTopicsPanel } from './hot-topics.tsx';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

const TRENDS = ['csat', 'nps', 'complaintRate', 'slaCompliance', 'closureRate'] as const;
type Trend = (typeof TRENDS)[number];

function trendValue(snapshot: Snapshot, figure: Trend): number | null {
  switch (figure) {
    case 'csat':
      return snapshot.csat.average;
    case 'nps':
      return snapshot.nps.score;
    default:
      return snapshot[figure];
  }
}

const isRate = (figure: Trend) => figure !== 'csat' && figure !== 'nps';

/** The list behind one quarter's figure: received in the quarter, plus the figure's own filter. */
function quarterFilters(snapshot: Snapshot, extra: ListFilters = {}): ListFilters {
  return { from: snapshot.from, before: snapshot.to, ...extra };
}

/** A Chart.js canvas with an accessible name; a click on a point or bar calls `onPick(index)`. */
function ChartCanvas({
  label,
  config,
  onPick,
}: {
  label: string;
  config: ChartConfiguration;
  onPick: (index: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: {
        ...config.options,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        onClick: (event, _elements, instance) => {
          const [hit] = instance.getElementsAtEventForMode(
            event as unknown as Event,
            'index',
            { intersect: false },
            false,
          );
          if (hit) onPick(hit.index);
        },
      },
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/**
 * The dashboard: hot topics for the roles that may read them (a banner while one is active),
 * then the quarter's figures for the roles that may read snapshots.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <section aria-labelledby="dashboard-title" class="dashboard">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      {may(profile, 'hotTopics') && <HotTopicsPanel />}
      {may(profile, 'listSnapshots') && <SnapshotFigures />}
    </section>
  );
}

/** Latest headline figures, trends across stored quarters, Pareto, by channel; every figure drills down. */
function SnapshotFigures() {
  const { t, i18n } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
  const [, navigate] = useLocation();
  const [snapshots, setSnapshots] = useState<Snapshot[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [period, setPeriod] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const { items } = await api.snapshots();
      const full = await Promise.all(items.map((item) => api.snapshot(item.period)));
      full.sort((a, b) => a.from.localeCompare(b.from));
      setSnapshots(full);
      setPeriod((current) => current || full.at(-1)?.period || '');
      setError('');
    } catch (caught) {
      setError(t('dashboard.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const recompute = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setStatus(t('dashboard.recomputing'));
    try {
      await api.recompute(period.trim());
      await load();
      setStatus(t('dashboard.recomputed', { period: period.trim() }));
    } catch (caught) {
      setStatus('');
      setError(t('dashboard.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  };

  const downloadCsv = async () => {
    const blob = await api.csv(period.trim());
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `snapshot-${period.trim()}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const controls = (
    <form class="filters" onSubmit={recompute} aria-label={t('dashboard.recompute')}>
      <label>
        {t('dashboard.quarter')}
        <input
          name="period"
          value={period}
          pattern="\d{4}-Q[1-4]"
          placeholder="2026-Q3"
          required
          onInput={(event) => setPeriod(event.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('dashboard.recompute')}
      </button>
      <button type="button" class="secondary" disabled={!period} onClick={() => void downloadCsv()}>
        {t('dashboard.csv')}
      </button>
      <span role="status">{status}</span>
    </form>
  );

  if (error)
    return (
      <div>
        <p class="error" role="alert">
          {error}
        </p>
        {controls}
      </div>
    );
  if (!snapshots) return <p role="status">{t('dashboard.loading')}</p>;
  const latest = snapshots.at(-1);
  if (!latest)
    return (
      <div>
        <p>{t('dashboard.none')}</p>
        {controls}
      </div>
    );

  const labels = snapshots.map((snapshot) => snapshot.period);
  const headline: { key: string; value: string; filters: ListFilters }[] = [
    { key: 'feedback', value: String(latest.totals.feedback), filters: quarterFilters(latest) },
    {
      key: 'complaints',
      value: String(latest.totals.complaints),
      filters: quarterFilters(latest, { type: 'complaint' }),
    },
    { key: 'csat', value: format.number(latest.csat.average), filters: quarterFilters(latest) },
    { key: 'nps', value: format.number(latest.nps.score), filters: quarterFilters(latest) },
    {
      key: 'complaintRate',
      value: format.percent(latest.complaintRate),
      filters: quarterFilters(latest, { type: 'complaint' }),
    },
    { key: 'slaCompliance', value: format.percent(latest.slaCompliance), filters: quarterFilters(latest) },
    {
      key: 'closureRate',
      value: format.percent(latest.closureRate),
      filters: quarterFilters(latest, { type: 'complaint' }),
    },
  ];
  const pareto = latest.pareto;
  const vital = pareto.filter((entry) => entry.vital).map((entry) => entry.category);
  const channels = Object.entries(latest.byChannel).sort((a, b) => b[1].feedback - a[1].feedback);
  const teams = Object.entries(latest.byTeam ?? {}).sort((a, b) => b[1].feedback - a[1].feedback);

  return (
    <div key={i18n.language}>
      <p class="muted">{t('dashboard.drillHint')}</p>
      <h2>
        {t('dashboard.latest', { period: latest.period })}{' '}
        <span class="muted small">({t('dashboard.computedAt', { at: format.date(latest.computedAt) })})</span>
      </h2>
      <ul class="headline">
        {headline.map((figure) => (
          <li key={figure.key}>
            <Link href={drillDownHref(figure.filters)}>
              <span class="figure-value">{figure.value}</span>
              <span class="figure-name">{t(`figure.${figure.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {controls}

      <h2>{t('dashboard.trends')}</h2>
      <div class="grid">
        {TRENDS.map((figure) => {
          const name = t(`figure.${figure}`);
          const values = snapshots.map((snapshot) => trendValue(snapshot, figure));
          const pick = (index: number) => {
            const snapshot = snapshots[index];
            if (snapshot) navigate(drillDownHref(quarterFilters(snapshot, FIGURE_FILTERS[figure])));
          };
          return (
            <figure key={figure} class="card">
              <figcaption>{name}</figcaption>
              <ChartCanvas
                label={t('dashboard.trendName', { figure: name })}
                onPick={pick}
                config={{
                  type: 'line',
                  data: {
                    labels,
                    datasets: [
                      {
                        label: name,
                        data: values.map((value) =>
                          value === null ? null : isRate(figure) ? value * 100 : value,
                        ),
                        borderColor: '#005fcc',
                        backgroundColor: '#005fcc',
                        pointRadius: 5,
                        pointHoverRadius: 7,
                      },
                    ],
                  },
                  options: {
                    plugins: { legend: { display: false } },
                    scales: {
                      y: isRate(figure)
                        ? { min: 0, max: 100, ticks: { callback: (value) => `${value} %` } }
                        : figure === 'csat'
                          ? { min: 1, max: 5 }
                          : { min: -100, max: 100 },
                    },
                  },
                }}
              />
              <ul class="points">
                {snapshots.map((snapshot, index) => (
                  <li key={snapshot.period}>
                    <Link href={drillDownHref(quarterFilters(snapshot, FIGURE_FILTERS[figure]))}>
                      {snapshot.period}:{' '}
                      {isRate(figure) ? format.percent(values[index]) : format.number(values[index])}
                    </Link>
                  </li>
                ))}
              </ul>
            </figure>
          );
        })}
      </div>

      <div class="grid two">
        <figure class="card">
          <figcaption>{t('dashboard.pareto', { period: latest.period })}</figcaption>
          <ChartCanvas
            label={t('dashboard.paretoName')}
            onPick={(index) => {
              const entry = pareto[index];
              if (entry)
                navigate(
                  drillDownHref(quarterFilters(latest, { type: 'complaint', category: entry.category })),
                );
            }}
            config={{
              type: 'bar',
              data: {
                labels: pareto.map((entry) => entry.category),
                datasets: [
                  {
                    type: 'bar',
                    label: t('dashboard.complaints'),
                    data: pareto.map((entry) => entry.count),
                    backgroundColor: pareto.map((entry) => (entry.vital ? '#b3261e' : '#8a8a8a')),
                    yAxisID: 'y',
                    order: 2,
                  },
                  {
                    type: 'line',
                    label: t('dashboard.cumulative'),
                    data: pareto.map((entry) => entry.cumulativeShare * 100),
                    borderColor: '#005fcc',
                    backgroundColor: '#005fcc',
                    yAxisID: 'share',
                    order: 1,
                  },
                  {
                    type: 'line',
                    label: t('dashboard.mark80'),
                    data: pareto.map(() => 80),
                    borderColor: '#1b7a35',
                    borderDash: [6, 4],
                    pointRadius: 0,
                    yAxisID: 'share',
                    order: 0,
                  },
                ],
              },
              options: {
                scales: {
                  y: { beginAtZero: true, ticks: { precision: 0 } },
                  share: {
                    position: 'right',
                    min: 0,
                    max: 100,
                    grid: { drawOnChartArea: false },
                    ticks: { callback: (value) => `${value} %` },
                  },
                },
              },
            }}
          />
          <p>
            {pareto.length
              ? t('dashboard.vitalFew', { list: vital.join(', ') })
              : t('dashboard.noComplaints')}
          </p>
          <ul class="points">
            {pareto.map((entry) => (
              <li key={entry.category}>
                <Link
                  href={drillDownHref(
                    quarterFilters(latest, { type: 'complaint', category: entry.category }),
                  )}
                >
                  {entry.vital ? '★ ' : ''}
                  {entry.category}: {entry.count} ({format.percent(entry.cumulativeShare)})
                </Link>
              </li>
            ))}
          </ul>
        </figure>
        <figure class="card">
          <figcaption>{t('dashboard.byChannel', { period: latest.period })}</figcaption>
          <ChartCanvas
            label={t('dashboard.byChannelName')}
            onPick={(index) => {
              const channel = channels[index]?.[0];
              if (channel) navigate(drillDownHref(quarterFilters(latest, { channel })));
            }}
            config={{
              type: 'bar',
              data: {
                labels: channels.map(([channel]) => t(`channelName.${channel}`)),
                datasets: [
                  {
                    label: t('dashboard.feedback'),
                    data: channels.map(([, group]) => group.feedback),
                    backgroundColor: '#005fcc',
                  },
                  {
                    label: t('dashboard.complaints'),
                    data: channels.map(([, group]) => group.complaints),
                    backgroundColor: '#b3261e',
                  },
                ],
              },
              options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
            }}
          />
          <ul class="points">
            {channels.map(([channel, group]) => (
              <li key={channel}>
                <Link href={drillDownHref(quarterFilters(latest, { channel }))}>
                  {t(`channelName.${channel}`)}: {group.feedback} / {group.complaints}
                </Link>
              </li>
            ))}
          </ul>
        </figure>
        {teams.length > 0 && (
          <figure class="card">
            <figcaption id="by-team-title">{t('dashboard.byTeam', { period: latest.period })}</figcaption>
            <div class="table-wrap">
              <table aria-labelledby="by-team-title">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.team')}</th>
                    <th scope="col">{t('figure.feedback')}</th>
                    <th scope="col">{t('figure.complaints')}</th>
                    <th scope="col">{t('figure.slaCompliance')}</th>
                    <th scope="col">{t('figure.closureRate')}</th>
                    <th scope="col">{t('dashboard.firstResponseMedian')}</th>
                    <th scope="col">{t('figure.csat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {teams.map(([team, figures]) => (
                    <tr key={team}>
                      <th scope="row">
                        <Link href={drillDownHref(quarterFilters(latest, { team }))}>{team}</Link>
                      </th>
                      <td>{figures.feedback}</td>
                      <td>{figures.complaints}</td>
                      <td>{format.percent(figures.slaCompliance)}</td>
                      <td>{format.percent(figures.closureRate)}</td>
                      <td>{format.number(figures.firstResponseMedianHours)}</td>
                      <td>{format.number(figures.csat.average)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        )}
      </div>
    </div>
  );
}
