import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import type { ListFilters } from '../api.ts';
import { useFormat } from '../format.ts';
import { drillDownHref } from '../logic/drill-down.ts';
import type { Snapshot, TeamFigures } from '../types.ts';

/** The periods the dashboard switches between (contract §11). */
export const PERIOD_KINDS = ['quarter', 'month', 'week'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A snapshot's kind; snapshots stored before months and weeks carry none and are quarters. */
export function kindOf(snapshot: Pick<Snapshot, 'period' | 'kind'>): PeriodKind {
  if (snapshot.kind) return snapshot.kind;
  return snapshot.period.includes('-Q') ? 'quarter' : snapshot.period.includes('-W') ? 'week' : 'month';
}

/** The period switch: a radio group, so it works with the keyboard and reads as one choice. */
export function PeriodSwitch({ kind, onChange }: { kind: PeriodKind; onChange: (kind: PeriodKind) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset class="period-switch">
      <legend>{t('breakdown.periodKind')}</legend>
      {PERIOD_KINDS.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name="period-kind"
            value={option}
            checked={kind === option}
            onChange={() => onChange(option)}
          />{' '}
          {t(`breakdown.kind.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

const SLICES = [
  ['bySegment', 'segment'],
  ['byServiceType', 'serviceType'],
  ['byCategory', 'category'],
] as const;

function filtersOf(snapshot: Snapshot, slice: (typeof SLICES)[number][1], key: string): ListFilters {
  const period = { from: snapshot.from, before: snapshot.to };
  // The inbox filters by category; segment and service type list the period's feedback (the team table is the dashboard's own).
  if (slice === 'category') return { ...period, category: key };
  return period;
}

/** CSAT by source, notifiedRate, and the breakdown tables of one snapshot. */
export function Breakdowns({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sources = snapshot.csat.bySource;
  return (
    <div class="grid two">
      <figure class="card">
        <figcaption id="csat-sources-title">
          {t('breakdown.csatSources', { period: snapshot.period })}
        </figcaption>
        <div class="table-wrap">
          <table aria-labelledby="csat-sources-title">
            <thead>
              <tr>
                <th scope="col">{t('breakdown.source')}</th>
                <th scope="col">{t('figure.csat')}</th>
                <th scope="col">{t('breakdown.responses')}</th>
              </tr>
            </thead>
            <tbody>
              {(['intake', 'followUp', 'campaign'] as const).map((source) => (
                <tr key={source}>
                  <th scope="row">{t(`breakdown.sourceName.${source}`)}</th>
                  <td>{format.number(sources?.[source].average ?? null)}</td>
                  <td>{sources?.[source].responses ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          {t('figure.notifiedRate')}: <strong>{format.percent(snapshot.notifiedRate ?? null)}</strong>{' '}
          <span class="muted small">({t('breakdown.notifiedHint')})</span>
        </p>
      </figure>
      {SLICES.map(([field, slice]) => {
        const rows = Object.entries((snapshot[field] ?? {}) as Record<string, TeamFigures>).sort(
          (a, b) => b[1].feedback - a[1].feedback || a[0].localeCompare(b[0]),
        );
        if (rows.length === 0) return null;
        const id = `breakdown-${slice}`;
        return (
          <figure class="card" key={field}>
            <figcaption id={id}>{t(`breakdown.${slice}`, { period: snapshot.period })}</figcaption>
            <div class="table-wrap">
              <table aria-labelledby={id}>
                <thead>
                  <tr>
                    <th scope="col">{t(`breakdown.${slice}Column`)}</th>
                    <th scope="col">{t('figure.feedback')}</th>
                    <th scope="col">{t('figure.complaints')}</th>
                    <th scope="col">{t('figure.slaCompliance')}</th>
                    <th scope="col">{t('figure.closureRate')}</th>
                    <th scope="col">{t('figure.notifiedRate')}</th>
                    <th scope="col">{t('figure.csat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(([key, figures]) => (
                    <tr key={key}>
                      <th scope="row">
                        <Link href={drillDownHref(filtersOf(snapshot, slice, key))}>{key}</Link>
                      </th>
                      <td>{figures.feedback}</td>
                      <td>{figures.complaints}</td>
                      <td>{format.percent(figures.slaCompliance)}</td>
                      <td>{format.percent(figures.closureRate)}</td>
                      <td>{format.percent(figures.notifiedRate ?? null)}</td>
                      <td>{format.number(figures.csat.average)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        );
      })}
    </div>
  );
}
