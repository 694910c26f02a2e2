import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter-preact';
import { useProfile, useServices } from '../context.ts';
import { useFormat } from '../format.ts';
import { may } from '../logic/permissions.ts';
import type { ProblemSummary } from '../types.ts';
import { CreateProblemForm } from './create-problem.tsx';

/** The problems the role may see (a lead: those of their teams), newest first. */
export function ProblemsPage() {
  const { t } = useTranslation();
  const { api } = useServices();
  const profile = useProfile();
  const format = useFormat();
  const [items, setItems] = useState<ProblemSummary[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api.problems().then(
      (page) => setItems(page.items),
      (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
    );
  }, []);

  return (
    <section aria-labelledby="problems-title">
      <h1 id="problems-title">{t('hotconsole.problems.title')}</h1>
      {may(profile, 'createProblem') && (
        <details>
          <summary>{t('hotconsole.problems.new')}</summary>
          <CreateProblemForm />
        </details>
      )}
      {error && (
        <p class="error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      {!items && !error && <p role="status">{t('inbox.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('hotconsole.problems.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table aria-labelledby="problems-title">
            <thead>
              <tr>
                <th scope="col">{t('hotconsole.problems.col.title')}</th>
                <th scope="col">{t('hotconsole.problems.col.status')}</th>
                <th scope="col">{t('hotconsole.problems.col.linked')}</th>
                <th scope="col">{t('hotconsole.problems.col.teams')}</th>
                <th scope="col">{t('hotconsole.problems.col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((problem) => (
                <tr key={problem.id}>
                  <th scope="row">
                    <Link href={`/problems/${encodeURIComponent(problem.id)}`}>{problem.title}</Link>
                  </th>
                  <td>{t(`problem.statusName.${problem.status}`, { defaultValue: problem.status })}</td>
                  <td>{problem.linked}</td>
                  <td>{problem.teams?.join(', ') || '—'}</td>
                  <td>{format.date(problem.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
