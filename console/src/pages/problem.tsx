import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import { ApiError } from '../api.ts';
import { useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import type { Problem } from '../types.ts';

/** One problem (contract §10): its status, root cause and the feedback linked to it. */
export function ProblemPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
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
        <Link href="/">← {t('feedback.back')}</Link>
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
                <Link href={`/feedback/${encodeURIComponent(feedbackId)}`}>
                  {t('feedback.title', { id: feedbackId })}
                </Link>
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
