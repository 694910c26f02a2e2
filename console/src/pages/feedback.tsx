import { useEffect, useRef, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import { ApiError } from '../api.ts';
import { useProfile, useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import { type Action, allowedActions } from '../logic/actions.ts';
import { may, mayAssignOthers } from '../logic/permissions.ts';
import { nextDeadline } from '../logic/time-left.ts';
import type { FeedbackItem } from '../types.ts';

type Message = { kind: 'error' | 'status'; text: string } | null;

function priorityReasons(item: FeedbackItem): string[] {
  for (const entry of [...item.history].reverse()) {
    if (Array.isArray(entry.reasons)) return entry.reasons.map(String);
  }
  return [];
}

/** One feedback: what was said, by whom, its triage, deadlines and history, and the allowed actions. */
export function FeedbackPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const profile = useProfile();
  const format = useFormat();
  const [item, setItem] = useState<FeedbackItem | null>(null);
  const [loadError, setLoadError] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [resolution, setResolution] = useState('');
  const [note, setNote] = useState('');
  const [assignTeam, setAssignTeam] = useState('');
  const [assignee, setAssignee] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const reload = async () => {
    try {
      setItem(await api.get(id));
      setLoadError('');
    } catch (caught) {
      setLoadError(
        caught instanceof ApiError && caught.status === 404
          ? t('feedback.notFound')
          : t('error.generic', { message: caught instanceof Error ? caught.message : String(caught) }),
      );
    }
  };

  useEffect(() => {
    setItem(null);
    setMessage(null);
    void reload().then(() => heading.current?.focus());
  }, [id]);

  if (loadError)
    return (
      <section>
        <p class="error" role="alert">
          {loadError}
        </p>
        <Link href="/">{t('feedback.back')}</Link>
      </section>
    );
  if (!item) return <p role="status">{t('inbox.loading')}</p>;

  const allowed = allowedActions(item.status);
  const act = async (action: Action | 'assign') => {
    if (action === 'resolve' && !resolution.trim()) {
      setMessage({ kind: 'error', text: t('feedback.resolutionNeeded') });
      return;
    }
    if (action === 'note' && !note.trim()) {
      setMessage({ kind: 'error', text: t('feedback.noteNeeded') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const updated = await api.act(item.id, {
        action,
        // Always the version as read: a concurrent change answers 409, never a silent overwrite.
        version: item.version,
        ...(action === 'resolve' ? { resolution: resolution.trim() } : {}),
        // Assign with no fields filled takes the feedback for the signed-in staff member.
        ...(action === 'assign'
          ? {
              ...(assignTeam.trim() ? { team: assignTeam.trim() } : {}),
              ...(assignee.trim() || !assignTeam.trim() ? { assignee: assignee.trim() || 'me' } : {}),
            }
          : {}),
        ...(action === 'note' ? { note: note.trim() } : {}),
        ...(action !== 'note' && action !== 'resolve' && action !== 'assign' && note.trim()
          ? { note: note.trim() }
          : {}),
      });
      setItem(updated);
      if (action === 'resolve') setResolution('');
      if (action === 'assign') {
        setAssignTeam('');
        setAssignee('');
      } else setNote('');
      setMessage({
        kind: 'status',
        text: t('feedback.done', {
          status:
            action === 'assign'
              ? [updated.team, updated.assignee].filter(Boolean).join(' · ')
              : t(`status.${updated.status}`),
        }),
      });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        await reload();
        setMessage({ kind: 'error', text: t('feedback.conflict') });
      } else {
        setMessage({
          kind: 'error',
          text: t('feedback.failed', { message: caught instanceof Error ? caught.message : String(caught) }),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const due = nextDeadline(item);
  const left = due ? format.timeLeft(due.at, Date.now()) : null;
  const reasons = priorityReasons(item);
  const customer = item.customer;
  const stateActions = allowed.filter((action) => action !== 'note');

  return (
    <article aria-labelledby="feedback-title">
      <p>
        <Link href="/">← {t('feedback.back')}</Link>
      </p>
      <h1 id="feedback-title" tabIndex={-1} ref={heading}>
        {t('feedback.title', { id: item.id })}
      </h1>
      <p class="status-line">
        <span class="status-badge" data-testid="status">
          {t(`status.${item.status}`)}
        </span>
        {item.priority && <span class={`prio ${item.priority}`}>{item.priority}</span>}
        {left && <span class={left.overdue ? 'late' : undefined}>{left.text}</span>}
      </p>
      {message && (
        <p
          class={message.kind === 'error' ? 'error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <div class="columns">
        <section aria-labelledby="text-title">
          <h2 id="text-title">{t('feedback.text')}</h2>
          <blockquote class="feedback-text" lang={item.language ?? undefined}>
            {item.text}
          </blockquote>
          <dl class="facts">
            <dt>{t('feedback.customer')}</dt>
            <dd>
              {item.anonymous
                ? t('feedback.anonymous')
                : customer
                  ? [customer.name, customer.email, customer.phone, customer.segment]
                      .filter(Boolean)
                      .join(' · ') || t('feedback.noCustomer')
                  : t('feedback.noCustomer')}
            </dd>
            <dt>{t('feedback.channel')}</dt>
            <dd>{t(`channelName.${item.channel}`)}</dd>
            <dt>{t('feedback.received')}</dt>
            <dd>{format.date(item.receivedAt)}</dd>
            <dt>{t('feedback.sentiment')}</dt>
            <dd>
              {item.sentiment
                ? `${t(`sentimentLabel.${item.sentiment.label}`)} (${item.sentiment.source})`
                : t('feedback.notScored')}
            </dd>
            <dt>{t('inbox.col.type')}</dt>
            <dd>
              {item.type ? t(`type.${item.type}`) : '—'}
              {item.category ? ` · ${item.category}` : ''}
            </dd>
            <dt>{t('feedback.priority')}</dt>
            <dd>{item.priority ?? '—'}</dd>
            <dt>{t('feedback.reasons')}</dt>
            <dd>
              {reasons.length ? (
                <ul class="plain">
                  {reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </dd>
            <dt>{t('feedback.firstResponseDue')}</dt>
            <dd>{format.date(item.deadlines?.firstResponseDue)}</dd>
            <dt>{t('feedback.resolutionDue')}</dt>
            <dd>
              {item.deadlines?.resolutionDue
                ? format.date(item.deadlines.resolutionDue)
                : t('feedback.noResolutionDue')}
            </dd>
            <dt>{t('feedback.escalation')}</dt>
            <dd>{item.escalationLevel}</dd>
            {item.team && (
              <>
                <dt>{t('feedback.team')}</dt>
                <dd data-testid="team">{item.team}</dd>
              </>
            )}
            {item.team !== undefined && (
              <>
                <dt>{t('feedback.assignee')}</dt>
                <dd data-testid="assignee">{item.assignee ?? t('feedback.unassigned')}</dd>
              </>
            )}
            {item.problemId && (
              <>
                <dt>{t('feedback.problem')}</dt>
                <dd>
                  {may(profile, 'readProblem') ? (
                    <Link href={`/problems/${encodeURIComponent(item.problemId)}`}>{item.problemId}</Link>
                  ) : (
                    item.problemId
                  )}
                </dd>
              </>
            )}
            {item.ratings && Object.keys(item.ratings).length > 0 && (
              <>
                <dt>{t('feedback.ratings')}</dt>
                <dd>
                  {Object.entries(item.ratings)
                    .map(([name, value]) => `${name.toUpperCase()} ${value}`)
                    .join(' · ')}
                </dd>
              </>
            )}
            {item.resolution && (
              <>
                <dt>{t('feedback.resolutionText')}</dt>
                <dd class="pre">{item.resolution}</dd>
              </>
            )}
          </dl>
          {item.repeat && <p class="warn">{t('feedback.repeat', { count: item.repeat.count })}</p>}
        </section>
        <section aria-labelledby="actions-title" class="actions">
          <h2 id="actions-title">{t('feedback.actions')}</h2>
          {allowed.includes('resolve') && (
            <p>
              <label for="resolution">{t('feedback.resolutionLabel')}</label>
              <textarea
                id="resolution"
                rows={3}
                maxLength={2000}
                value={resolution}
                onInput={(event) => setResolution(event.currentTarget.value)}
              />
            </p>
          )}
          <div class="buttons">
            {stateActions.map((action) => (
              <button key={action} type="button" disabled={busy} onClick={() => void act(action)}>
                {t(`action.${action}`)}
              </button>
            ))}
          </div>
          {allowed.includes('note') && (
            <>
              <p>
                <label for="note">{t('feedback.noteLabel')}</label>
                <textarea
                  id="note"
                  rows={2}
                  maxLength={2000}
                  value={note}
                  onInput={(event) => setNote(event.currentTarget.value)}
                />
              </p>
              <button type="button" class="secondary" disabled={busy} onClick={() => void act('note')}>
                {t('action.note')}
              </button>
            </>
          )}
          {item.status !== 'closed' && (
            <fieldset class="assign">
              <legend>{t('feedback.assignTitle')}</legend>
              {/* An agent only takes work (contract §7): Assign then assigns it to them. */}
              {mayAssignOthers(profile) ? (
                <>
                  <p>
                    <label for="assign-team">{t('feedback.assignTeam')}</label>
                    <input
                      id="assign-team"
                      maxLength={40}
                      value={assignTeam}
                      onInput={(event) => setAssignTeam(event.currentTarget.value)}
                    />
                  </p>
                  <p>
                    <label for="assign-assignee">{t('feedback.assignAssignee')}</label>
                    <input
                      id="assign-assignee"
                      maxLength={200}
                      value={assignee}
                      onInput={(event) => setAssignee(event.currentTarget.value)}
                    />
                  </p>
                </>
              ) : (
                <p class="muted small">{t('hotconsole.feedback.takeHint')}</p>
              )}
              <button type="button" disabled={busy} onClick={() => void act('assign')}>
                {t('action.assign')}
              </button>
            </fieldset>
          )}
        </section>
      </div>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('feedback.history')}</h2>
        <ol class="timeline">
          {item.history.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at}>{format.date(entry.at)}</time>{' '}
              <strong>{t(`historyAction.${entry.action}`, { defaultValue: entry.action })}</strong>
              {entry.to && entry.from && entry.to !== entry.from && (
                <span class="muted">
                  {' '}
                  ({t(`status.${entry.from}`)} → {t(`status.${entry.to}`)})
                </span>
              )}{' '}
              <span class="muted">· {entry.actor}</span>
              {entry.note && <div class="pre">{entry.note}</div>}
              {entry.resolution && <div class="pre">{entry.resolution}</div>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
