import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import { ApiError, type ProblemActionBody } from '../api.ts';
import { useProfile, useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import { may } from '../logic/permissions.ts';
import { problemAllows } from '../logic/problem-status.ts';
import type { Problem } from '../types.ts';

const WHY_FIELDS = 5;

/**
 * The problem's actions the role and the status allow (contract §10): link more feedback,
 * analyse (5 whys, cause, corrective action), resolve (every linked open feedback) and close.
 */
function ProblemActions({ problem, onChanged }: { problem: Problem; onChanged: (next: Problem) => void }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const profile = useProfile();
  const [links, setLinks] = useState('');
  const [whys, setWhys] = useState<string[]>(() =>
    Array.from({ length: WHY_FIELDS }, (_, i) => problem.rootCause?.whys[i] ?? ''),
  );
  const [cause, setCause] = useState(problem.rootCause?.cause ?? '');
  const [corrective, setCorrective] = useState(problem.rootCause?.correctiveAction ?? '');
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const run = async (label: string, call: () => Promise<Problem>) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      const next = await call();
      onChanged(next);
      setStatus(t('hotconsole.problem.saved', { action: label }));
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 409
          ? t('hotconsole.problem.conflict', { message: caught.message })
          : t('error.generic', { message: caught instanceof Error ? caught.message : String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };
  const act = (label: string, body: ProblemActionBody) =>
    run(label, () => api.actOnProblem(problem.id, body));
  const mayLink = may(profile, 'linkProblem') && problemAllows(problem.status, 'link');
  const mayAct = may(profile, 'actOnProblem');
  const canAnalyse = mayAct && problemAllows(problem.status, 'analyse');
  const canResolve = mayAct && problemAllows(problem.status, 'resolve');
  const canClose = mayAct && problemAllows(problem.status, 'close');
  if (!mayLink && !canAnalyse && !canResolve && !canClose) return null;

  return (
    <section aria-labelledby="problem-actions-title" class="actions">
      <h2 id="problem-actions-title">{t('hotconsole.problem.actions')}</h2>
      <p role="status">{status}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {mayLink && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const ids = links.split(/[\s,]+/).filter(Boolean);
            if (ids.length)
              void run(t('hotconsole.problem.link'), () => api.linkProblem(problem.id, ids)).then(() =>
                setLinks(''),
              );
          }}
        >
          <label for="problem-links">{t('hotconsole.problem.linkIds')}</label>
          <textarea
            id="problem-links"
            rows={2}
            value={links}
            onInput={(e) => setLinks(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy || !links.trim()}>
            {t('hotconsole.problem.link')}
          </button>
        </form>
      )}
      {canAnalyse && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void act(t('hotconsole.problem.analyse'), {
              action: 'analyse',
              rootCause: {
                whys: whys.map((why) => why.trim()).filter(Boolean),
                cause: cause.trim(),
                correctiveAction: corrective.trim(),
              },
            });
          }}
        >
          <fieldset>
            <legend>{t('problem.rootCause')}</legend>
            {whys.map((why, index) => (
              <label key={index}>
                {t('hotconsole.problem.why', { n: index + 1 })}
                <input
                  value={why}
                  required={index === 0}
                  maxLength={1000}
                  onInput={(event) => {
                    const value = event.currentTarget.value;
                    setWhys((current) => current.map((old, i) => (i === index ? value : old)));
                  }}
                />
              </label>
            ))}
            <label>
              {t('problem.cause')}
              <textarea required rows={2} value={cause} onInput={(e) => setCause(e.currentTarget.value)} />
            </label>
            <label>
              {t('problem.correctiveAction')}
              <textarea
                required
                rows={2}
                value={corrective}
                onInput={(e) => setCorrective(e.currentTarget.value)}
              />
            </label>
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('hotconsole.problem.analyse')}
          </button>
        </form>
      )}
      {canResolve && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void act(t('hotconsole.problem.resolve'), { action: 'resolve', resolution: resolution.trim() });
          }}
        >
          <label for="problem-resolution">{t('problem.resolution')}</label>
          <textarea
            id="problem-resolution"
            rows={3}
            required
            value={resolution}
            onInput={(e) => setResolution(e.currentTarget.value)}
          />
          <p class="muted small">
            {t('hotconsole.problem.resolveHint', { count: problem.feedbackIds.length })}
          </p>
          <button type="submit" disabled={busy || !resolution.trim()}>
            {t('hotconsole.problem.resolve')}
          </button>
        </form>
      )}
      {canClose && (
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => void act(t('hotconsole.problem.close'), { action: 'close' })}
        >
          {t('hotconsole.problem.close')}
        </button>
      )}
    </section>
  );
}

/** One problem (contract §10): its status, root cause and the feedback linked to it. */
export function ProblemPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
  const profile = useProfile();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    setProblem(null);
    setError('');
    api
      .problem(id)
      .then(setProblem, (caught: unknown) =>
        setError(
          caught instanceof ApiError && caught.status === 404
            ? t('problem.notFound')
            : t('error.generic', { message: caught instanceof Error ? caught.message : String(caught) }),
        ),
      );
  }, [id]);

  if (error)
    return (
      <section>
        <p class="error" role="alert">
          {error}
        </p>
        <Link href="/">{t('feedback.back')}</Link>
      </section>
    );
  if (!problem) return <p role="status">{t('inbox.loading')}</p>;

  return (
    <article aria-labelledby="problem-title">
      <p>
        <Link href="/problems">← {t('hotconsole.problems.title')}</Link>
      </p>
      <h1 id="problem-title">{t('problem.title', { id: problem.id })}</h1>
      <p class="status-line">
        <span class="status-badge" data-testid="problem-status">
          {t(`problem.statusName.${problem.status}`, { defaultValue: problem.status })}
        </span>{' '}
        <strong>{problem.title}</strong>
      </p>
      <dl class="facts">
        <dt>{t('problem.created')}</dt>
        <dd>{format.date(problem.createdAt)}</dd>
        <dt>{t('problem.description')}</dt>
        <dd class="pre">{problem.description ?? '—'}</dd>
        {problem.resolution && (
          <>
            <dt>{t('problem.resolution')}</dt>
            <dd class="pre">{problem.resolution}</dd>
          </>
        )}
      </dl>
      <ProblemActions problem={problem} onChanged={setProblem} />
      <section aria-labelledby="root-cause-title">
        <h2 id="root-cause-title">{t('problem.rootCause')}</h2>
        {problem.rootCause ? (
          <dl class="facts">
            <dt>{t('problem.whys')}</dt>
            <dd>
              <ol>
                {problem.rootCause.whys.map((why, index) => (
                  <li key={`${index}-${why}`}>{why}</li>
                ))}
              </ol>
            </dd>
            <dt>{t('problem.cause')}</dt>
            <dd class="pre">{problem.rootCause.cause}</dd>
            <dt>{t('problem.correctiveAction')}</dt>
            <dd class="pre">{problem.rootCause.correctiveAction}</dd>
          </dl>
        ) : (
          <p class="muted">{t('problem.noRootCause')}</p>
        )}
      </section>
      <section aria-labelledby="linked-title">
        <h2 id="linked-title">{t('problem.linked', { count: problem.feedbackIds.length })}</h2>
        {problem.feedbackIds.length ? (
          <ul>
            {problem.feedbackIds.map((feedbackId) => (
              <li key={feedbackId}>
                {may(profile, 'readFeedback') ? (
                  <Link href={`/feedback/${encodeURIComponent(feedbackId)}`}>
                    {t('feedback.title', { id: feedbackId })}
                  </Link>
                ) : (
                  t('feedback.title', { id: feedbackId })
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('problem.none')}</p>
        )}
      </section>
    </article>
  );
}
