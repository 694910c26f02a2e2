import { useEffect, useMemo, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter-preact';
import type { ListFilters } from '../api.ts';
import { useProfile, useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import { drillDownHref, filtersFromSearch } from '../logic/drill-down.ts';
import { may } from '../logic/permissions.ts';
import { nextDeadline } from '../logic/time-left.ts';
import type { FeedbackItem } from '../types.ts';
import { CreateProblemForm } from './create-problem.tsx';

const STATUSES = ['open', 'acknowledged', 'waiting_for_customer', 'resolved', 'closed', 'received'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const CHANNELS = ['web', 'email', 'social', 'phone', 'in_person', 'app', 'survey', 'other'];
const PAGE_SIZE = 50;

/** Open work soonest deadline first, or any list the URL's filters describe (shareable). */
export function InboxPage() {
  const { t } = useTranslation();
  const { api } = useServices();
  const format = useFormat();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const drill = Boolean(filters.category || filters.type || filters.from || filters.before);
  const openWork = !filters.status && !drill && !filters.team && !filters.assignee;

  const [items, setItems] = useState<FeedbackItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const [draft, setDraft] = useState<ListFilters>(filters);
  const profile = useProfile();
  // Leads and admins pick feedback to open one problem for (contract §10).
  const selectable = may(profile, 'createProblem');
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  const load = async (after?: string) => {
    setLoading(true);
    setError('');
    try {
      const page = await api.list(filters, {
        limit: PAGE_SIZE,
        ...(after ? { cursor: after } : {}),
        ...(openWork ? { sort: 'deadline' as const } : {}),
      });
      setItems((previous) => (after ? [...previous, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setNow(Date.now());
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setDraft(filters);
    setItems([]);
    setSelected([]);
    void load();
  }, [search]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const apply = (event: Event) => {
    event.preventDefault();
    navigate(drillDownHref({ ...filters, ...draft }));
  };
  const showTeam = items.some((item) => item.team || item.assignee);
  const select = (name: 'status' | 'priority' | 'channel', label: string, options: string[], any: string) => (
    <label>
      {label}
      <select
        name={name}
        value={draft[name] ?? ''}
        onChange={(event) => setDraft({ ...draft, [name]: event.currentTarget.value || undefined })}
      >
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {name === 'status'
              ? t(`status.${option}`)
              : name === 'channel'
                ? t(`channelName.${option}`)
                : option}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{openWork ? t('inbox.openWork') : t('inbox.title')}</h1>
      <form class="filters" onSubmit={apply}>
        {select('status', t('inbox.status'), STATUSES, t('inbox.openWork'))}
        {select('priority', t('inbox.priority'), PRIORITIES, t('inbox.any'))}
        {select('channel', t('inbox.channel'), CHANNELS, t('inbox.any'))}
        <label>
          {t('inbox.team')}
          <input
            name="team"
            size={12}
            value={draft.team ?? ''}
            onInput={(event) => setDraft({ ...draft, team: event.currentTarget.value.trim() || undefined })}
          />
        </label>
        <label>
          {t('inbox.assignee')}
          <select
            name="assignee"
            value={draft.assignee === 'me' ? 'me' : ''}
            onChange={(event) => setDraft({ ...draft, assignee: event.currentTarget.value || undefined })}
          >
            <option value="">{t('inbox.any')}</option>
            <option value="me">{t('inbox.assignedToMe')}</option>
          </select>
        </label>
        <button type="submit">{t('inbox.apply')}</button>
        {search && (
          <Link href="/" class="button secondary">
            {t('inbox.clear')}
          </Link>
        )}
      </form>
      {drill && (
        <p class="drill">
          {t('inbox.drill')}{' '}
          {filters.type && (
            <span class="chip">
              {t('inbox.type')}: {t(`type.${filters.type}`)}
            </span>
          )}
          {filters.category && (
            <span class="chip">
              {t('inbox.category')}: {filters.category}
            </span>
          )}
          {filters.from && (
            <span class="chip">
              {t('inbox.from')}: {format.date(filters.from)}
            </span>
          )}
          {filters.before && (
            <span class="chip">
              {t('inbox.before')}: {format.date(filters.before)}
            </span>
          )}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      <p class="muted" role="status">
        {loading
          ? t('inbox.loading')
          : items.length === 0
            ? t('inbox.empty')
            : t('inbox.count', { count: items.length })}
      </p>
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="inbox">
            <thead>
              <tr>
                {selectable && <th scope="col">{t('hotconsole.inbox.select')}</th>}
                <th scope="col">{t('inbox.col.timeLeft')}</th>
                <th scope="col">{t('inbox.col.priority')}</th>
                <th scope="col">{t('inbox.col.text')}</th>
                <th scope="col">{t('inbox.col.type')}</th>
                <th scope="col">{t('inbox.col.category')}</th>
                <th scope="col">{t('inbox.col.escalation')}</th>
                <th scope="col">{t('inbox.col.status')}</th>
                <th scope="col">{t('inbox.col.channel')}</th>
                <th scope="col">{t('inbox.col.received')}</th>
                {showTeam && <th scope="col">{t('inbox.col.team')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const due = nextDeadline(item);
                const left = due ? format.timeLeft(due.at, now) : null;
                return (
                  <tr key={item.id} class={left?.overdue ? 'overdue' : undefined}>
                    {selectable && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('hotconsole.inbox.selectItem', { text: item.text.slice(0, 60) })}
                          checked={selected.includes(item.id)}
                          disabled={Boolean(item.problemId)}
                          onChange={(event) => toggle(item.id, event.currentTarget.checked)}
                        />
                      </td>
                    )}
                    <td>
                      {left ? (
                        <span class={left.overdue ? 'late' : undefined} title={format.date(due?.at)}>
                          {left.text}
                          <span class="muted small"> · {t(`time.${due?.kind}`)}</span>
                        </span>
                      ) : (
                        <span class="muted">{t('time.none')}</span>
                      )}
                    </td>
                    <td>
                      {item.priority ? <span class={`prio ${item.priority}`}>{item.priority}</span> : '—'}
                    </td>
                    <td class="text">
                      <Link href={`/feedback/${encodeURIComponent(item.id)}`}>
                        {item.text.length > 90 ? `${item.text.slice(0, 90)}…` : item.text}
                      </Link>
                    </td>
                    <td>{item.type ? t(`type.${item.type}`) : '—'}</td>
                    <td>{item.category ?? '—'}</td>
                    <td>{item.escalationLevel}</td>
                    <td>{t(`status.${item.status}`)}</td>
                    <td>{t(`channelName.${item.channel}`)}</td>
                    <td>{format.date(item.receivedAt)}</td>
                    {showTeam && <td>{[item.team, item.assignee].filter(Boolean).join(' · ') || '—'}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {selectable && selected.length > 0 && (
        <section aria-labelledby="inbox-create-problem" class="card">
          <h2 id="inbox-create-problem">
            {t('hotconsole.inbox.createFromSelected', { count: selected.length })}
          </h2>
          <CreateProblemForm feedbackIds={selected} />
        </section>
      )}
      {cursor && (
        <button type="button" disabled={loading} onClick={() => void load(cursor)}>
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
