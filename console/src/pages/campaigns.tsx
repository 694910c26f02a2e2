import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import {
  type CallList,
  type CampaignResults,
  type CampaignSummary,
  campaignsApi,
  type DimensionFigure,
  type Question,
} from '../campaigns-api.ts';
import { useServices } from '../context.ts';
import { useFormat } from '../format.ts';

const message = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

/** Survey campaigns, newest first, each linking to its results. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const services = useServices();
  const format = useFormat();
  const [items, setItems] = useState<CampaignSummary[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    campaignsApi.list(services).then(
      (page) => setItems(page.items),
      (caught: unknown) => setError(t('error.generic', { message: message(caught) })),
    );
  }, []);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!items) return <p role="status">{t('inbox.loading')}</p>;
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t('campaign.listTitle')}</h1>
      {items.length === 0 ? (
        <p>{t('campaign.none')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <Link href={`/campaigns/${item.id}`}>
                {t('campaign.item', { date: format.date(item.createdAt), recipients: item.recipients })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const WIDTH = 560;
const ROW = 34;
const LEFT = 150;
const scaleX = (value: number) => LEFT + ((value - 1) / 4) * (WIDTH - LEFT - 20);

/**
 * Per-dimension averages on the 1–5 scale as horizontal bars with their 95 % interval as a
 * whisker, against the previous campaign with the same questionnaire (a thin grey bar). The
 * figures are also in the table below it, for screen readers and copying.
 */
function DimensionChart({ results, label }: { results: CampaignResults; label: string }) {
  const names = Object.keys(results.dimensions);
  const height = names.length * ROW + 30;
  const bar = (figure: DimensionFigure | undefined, y: number, h: number, fill: string) =>
    figure?.average == null ? null : (
      <rect x={LEFT} y={y} width={Math.max(1, scaleX(figure.average) - LEFT)} height={h} fill={fill} />
    );
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: `${WIDTH}px` }}
    >
      {[1, 2, 3, 4, 5].map((tick) => (
        <g key={tick}>
          <line x1={scaleX(tick)} x2={scaleX(tick)} y1={0} y2={height - 20} stroke="#c4c4c4" />
          <text x={scaleX(tick)} y={height - 5} text-anchor="middle" font-size="12">
            {tick}
          </text>
        </g>
      ))}
      {names.map((name, index) => {
        const y = index * ROW + 4;
        const figure = results.dimensions[name];
        const previous = results.previous?.dimensions[name];
        return (
          <g key={name}>
            <text x={LEFT - 8} y={y + 16} text-anchor="end" font-size="13">
              {name}
            </text>
            {bar(figure, y, 16, '#005fcc')}
            {bar(previous, y + 19, 7, '#767676')}
            {figure?.ci95 && (
              <line
                x1={scaleX(figure.ci95[0])}
                x2={scaleX(figure.ci95[1])}
                y1={y + 8}
                y2={y + 8}
                stroke="#1a1a1a"
                stroke-width="2"
              />
            )}
          </g>
        );
      })}
    </svg>
  );
}

function CallAnswerForm({
  list,
  recipientId,
  onDone,
}: {
  list: CallList;
  recipientId: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const labelOf = (q: Pick<Question, 'label'>) => q.label[lang];
  const submit = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const answers: Record<string, number | string> = {};
    for (const q of list.questionnaire.questions) {
      const value = data.get(q.id);
      if (typeof value !== 'string' || value.trim() === '') continue;
      answers[q.id] = q.kind === 'likert5' || q.kind === 'nps' ? Number(value) : value.trim();
    }
    setBusy(true);
    setError('');
    try {
      await campaignsApi.answerCall(services, list.campaignId, recipientId, answers);
      onDone();
    } catch (caught) {
      setError(t('error.generic', { message: message(caught) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="call-form-title">
      <h3 id="call-form-title">{t('campaign.callFormTitle')}</h3>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list.questionnaire.questions.map((q) =>
        q.kind === 'text' ? (
          <p key={q.id}>
            <label for={`call-${q.id}`}>{labelOf(q)}</label>
            <br />
            <textarea id={`call-${q.id}`} name={q.id} maxLength={2000} />
          </p>
        ) : (
          <p key={q.id}>
            <label for={`call-${q.id}`}>{labelOf(q)}</label>{' '}
            <select id={`call-${q.id}`} name={q.id} required={q.required}>
              <option value="">—</option>
              {(q.kind === 'choice'
                ? (q.options ?? []).map((o) => ({ value: o.id, text: o.label[lang] }))
                : Array.from({ length: q.kind === 'nps' ? 11 : 5 }, (_, i) => {
                    const v = String(q.kind === 'nps' ? i : i + 1);
                    return { value: v, text: v };
                  })
              ).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.text}
                </option>
              ))}
            </select>
          </p>
        ),
      )}
      <button type="submit" disabled={busy}>
        {t('campaign.saveAnswers')}
      </button>
    </form>
  );
}

/** One campaign's results (contract §11) with the per-dimension chart, and its call list. */
export function CampaignPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const services = useServices();
  const format = useFormat();
  const [results, setResults] = useState<CampaignResults | null>(null);
  const [calls, setCalls] = useState<CallList | null>(null);
  const [answering, setAnswering] = useState<string | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    campaignsApi
      .results(services, id)
      .then(setResults, (caught: unknown) => setError(t('error.generic', { message: message(caught) })));
    campaignsApi.calls(services, id).then(setCalls, () => setCalls(null));
  };
  useEffect(load, [id]);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!results) return <p role="status">{t('inbox.loading')}</p>;
  const dims = Object.entries(results.dimensions);
  const figure = (f: DimensionFigure | undefined) =>
    f?.average == null ? '—' : f.ci95 ? `${f.average} (${f.ci95[0]}–${f.ci95[1]})` : String(f.average);
  return (
    <article aria-labelledby="campaign-title">
      <p>
        <Link href="/campaigns">← {t('campaign.back')}</Link>
      </p>
      <h1 id="campaign-title">{t('campaign.title', { date: format.date(results.createdAt) })}</h1>
      <dl class="facts">
        <dt>{t('campaign.status')}</dt>
        <dd>{t(`campaign.statusName.${results.status}`)}</dd>
        <dt>{t('campaign.recipients')}</dt>
        <dd data-testid="campaign-recipients">{results.recipients}</dd>
        <dt>{t('campaign.responses')}</dt>
        <dd data-testid="campaign-responses">
          {results.responses} ({Math.round(results.responseRate * 1000) / 10} %)
        </dd>
        <dt>{t('campaign.reminded')}</dt>
        <dd>{results.reminded}</dd>
        {results.nps && (
          <>
            <dt>NPS</dt>
            <dd>{results.nps.score ?? '—'}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="dimensions-title">
        <h2 id="dimensions-title">{t('campaign.dimensions')}</h2>
        <DimensionChart results={results} label={t('campaign.chartLabel')} />
        <p class="hint">{t('campaign.chartHint')}</p>
        <table>
          <caption>{t('campaign.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('campaign.dimension')}</th>
              <th scope="col">{t('campaign.thisCampaign')}</th>
              <th scope="col">{t('campaign.previousCampaign')}</th>
            </tr>
          </thead>
          <tbody>
            {dims.map(([name, f]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{figure(f)}</td>
                <td>{figure(results.previous?.dimensions[name])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {calls && (
        <section aria-labelledby="calls-title">
          <h2 id="calls-title">{t('campaign.callList')}</h2>
          {calls.items.length === 0 ? (
            <p>{t('campaign.noCalls')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('campaign.phone')}</th>
                  <th scope="col">{t('campaign.language')}</th>
                  <th scope="col">{t('campaign.answered')}</th>
                  <th scope="col">{t('campaign.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {calls.items.map((item) => (
                  <tr key={item.recipientId}>
                    <td>{item.phone}</td>
                    <td>{item.language}</td>
                    <td>{item.answeredAt ? format.date(item.answeredAt) : '—'}</td>
                    <td>
                      {!item.answeredAt && (
                        <button type="button" onClick={() => setAnswering(item.recipientId)}>
                          {t('campaign.enterAnswers')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {answering && (
            <CallAnswerForm
              list={calls}
              recipientId={answering}
              onDone={() => {
                setAnswering(null);
                load();
              }}
            />
          )}
        </section>
      )}
    </article>
  );
}
