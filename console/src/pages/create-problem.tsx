import { useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter-preact';
import { ApiError } from '../api.ts';
import { useServices } from '../context.ts';

/**
 * "Create problem" (contract §10) from a hot topic (its feedback are linked by the API) or from
 * feedback picked in the inbox; opens the new problem's page.
 */
export function CreateProblemForm({
  feedbackIds,
  fromHotTopic,
  defaultTitle = '',
}: {
  feedbackIds?: string[];
  fromHotTopic?: string;
  defaultTitle?: string;
}) {
  const { t } = useTranslation();
  const { api } = useServices();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState(defaultTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const created = await api.createProblem({
        title: title.trim(),
        ...(feedbackIds?.length ? { feedbackIds } : {}),
        ...(fromHotTopic ? { fromHotTopic } : {}),
      });
      navigate(`/problems/${encodeURIComponent(created.id)}`);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 409
          ? t('hotconsole.create.taken')
          : t('error.generic', { message: caught instanceof Error ? caught.message : String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="filters create-problem" onSubmit={submit}>
      <label>
        {t('hotconsole.create.titleLabel')}
        <input
          name="problem-title"
          value={title}
          required
          maxLength={200}
          size={40}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy || !title.trim()}>
        {t('hotconsole.create.button')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
