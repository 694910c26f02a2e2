import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import { useProfile, useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import { may } from '../logic/permissions.ts';
import { isActiveHotTopic } from '../logic/problem-status.ts';
import type { FeedbackItem, HotTopic } from '../types.ts';
import { CreateProblemForm } from './create-problem.tsx';

/** A topic's name as staff read it: the category or the key term, and what merged into it. */
function TopicName({ topic }: { topic: HotTopic }) {
  const { t } = useTranslation();
  const others = (topic.keys ?? []).filter((key) => key !== `${topic.kind}:${topic.key}`);
  return (
    <>
      <strong>{topic.key}</strong> <span class="muted">({t(`hotconsole.hot.kind.${topic.kind}`)})</span>
      {others.length > 0 && (
        <span class="muted small"> · {t('hotconsole.hot.merged', { list: others.join(', ') })}</span>
      )}
    </>
  );
}

/** Hot topics on the dashboard: a banner while one is active, then every report, newest first. */
export function HotTopicsPanel() {
  const { t } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
  const [topics, setTopics] = useState<HotTopic[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api.hotTopics().then(
      ({ items }) => setTopics(items),
      (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
    );
  }, []);

  if (error)
    return (
      <p class="error" role="alert">
        {t('hotconsole.hot.failed', { message: error })}
      </p>
    );
  if (!topics) return <p role="status">{t('dashboard.loading')}</p>;
  const now = Date.now();
  const active = topics.filter((topic) => isActiveHotTopic(topic, now));

  return (
    <section aria-labelledby="hot-topics-title" class="hot-topics">
      {active.map((topic) => (
        <section class="banner" aria-label={t('hotconsole.hot.bannerName')} key={topic.id}>
          <p>
            <strong>{t('hotconsole.hot.banner')}</strong> <TopicName topic={topic} />:{' '}
            {t('hotconsole.hot.countVsExpected', {
              count: topic.count,
              expected: format.number(topic.expected),
            })}{' '}
            <Link href={`/hot-topics/${encodeURIComponent(topic.id)}`}>{t('hotconsole.hot.open')}</Link>
          </p>
        </section>
      ))}
      <h2 id="hot-topics-title">{t('hotconsole.hot.title')}</h2>
      {topics.length === 0 ? (
        <p class="muted">{t('hotconsole.hot.none')}</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="hot-topics-title">
            <thead>
              <tr>
                <th scope="col">{t('hotconsole.hot.col.topic')}</th>
                <th scope="col">{t('hotconsole.hot.col.count')}</th>
                <th scope="col">{t('hotconsole.hot.col.expected')}</th>
                <th scope="col">{t('hotconsole.hot.col.window')}</th>
                <th scope="col">{t('hotconsole.hot.col.feedback')}</th>
              </tr>
            </thead>
            <tbody>
              {topics.map((topic) => (
                <tr key={topic.id}>
                  <th scope="row">
                    <TopicName topic={topic} />
                  </th>
                  <td>{topic.count}</td>
                  <td>{format.number(topic.expected)}</td>
                  <td>
                    {format.date(topic.windowStart)} – {format.date(topic.windowEnd)}
                  </td>
                  <td>
                    <Link href={`/hot-topics/${encodeURIComponent(topic.id)}`}>
                      {t('hotconsole.hot.feedbackLink', { count: topic.feedbackIds.length })}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One hot topic: its figures, the feedback behind it and, for leads and admins, "Create problem". */
export function HotTopicPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const profile = useProfile();
  const format = useFormat();
  const [topic, setTopic] = useState<HotTopic | null | undefined>(undefined);
  const [feedback, setFeedback] = useState<Record<string, FeedbackItem | null>>({});
  const [error, setError] = useState('');
  const readable = may(profile, 'readFeedback');

  useEffect(() => {
    setTopic(undefined);
    setError('');
    api.hotTopics().then(
      ({ items }) => {
        const found = items.find((item) => item.id === id) ?? null;
        setTopic(found);
        if (found && readable)
          // At most 50 ids per report: read side by side; another team's answers 404 and shows as an id.
          void Promise.all(
            found.feedbackIds.map((feedbackId) =>
              api.get(feedbackId).then(
                (item) => [feedbackId, item] as const,
                () => [feedbackId, null] as const,
              ),
            ),
          ).then((pairs) => setFeedback(Object.fromEntries(pairs)));
      },
      (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
    );
  }, [id]);

  if (error)
    return (
      <p class="error" role="alert">
        {t('error.generic', { message: error })}
      </p>
    );
  if (topic === undefined) return <p role="status">{t('dashboard.loading')}</p>;
  if (topic === null)
    return (
      <section>
        <h1>{t('hotconsole.hot.title')}</h1>
        <p class="error" role="alert">
          {t('hotconsole.hot.notFound')}
        </p>
        <Link href="/dashboard">{t('nav.dashboard')}</Link>
      </section>
    );

  return (
    <article aria-labelledby="hot-topic-title">
      <p>
        <Link href="/dashboard">← {t('nav.dashboard')}</Link>
      </p>
      <h1 id="hot-topic-title">{t('hotconsole.hot.pageTitle', { key: topic.key })}</h1>
      <p>
        <TopicName topic={topic} />
      </p>
      <dl class="facts">
        <dt>{t('hotconsole.hot.col.count')}</dt>
        <dd>{topic.count}</dd>
        <dt>{t('hotconsole.hot.col.expected')}</dt>
        <dd>{format.number(topic.expected)}</dd>
        <dt>{t('hotconsole.hot.col.window')}</dt>
        <dd>
          {format.date(topic.windowStart)} – {format.date(topic.windowEnd)}
        </dd>
        <dt>{t('hotconsole.hot.detectedAt')}</dt>
        <dd>{format.date(topic.detectedAt)}</dd>
      </dl>
      {may(profile, 'createProblem') && (
        <section aria-labelledby="create-problem-title">
          <h2 id="create-problem-title">{t('hotconsole.create.fromHotTopic')}</h2>
          <p class="muted">{t('hotconsole.create.fromHotTopicHint', { count: topic.feedbackIds.length })}</p>
          <CreateProblemForm fromHotTopic={topic.id} defaultTitle={topic.key} />
        </section>
      )}
      <section aria-labelledby="hot-feedback-title">
        <h2 id="hot-feedback-title">
          {t('hotconsole.hot.feedbackLink', { count: topic.feedbackIds.length })}
        </h2>
        <ul>
          {topic.feedbackIds.map((feedbackId) => {
            const item = feedback[feedbackId];
            return (
              <li key={feedbackId}>
                {readable && item !== null ? (
                  <Link href={`/feedback/${encodeURIComponent(feedbackId)}`}>
                    {item ? (item.text.length > 90 ? `${item.text.slice(0, 90)}…` : item.text) : feedbackId}
                  </Link>
                ) : (
                  <span>{feedbackId}</span>
                )}
                {item?.problemId && <span class="muted small"> · {t('hotconsole.hot.inProblem')}</span>}
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}
