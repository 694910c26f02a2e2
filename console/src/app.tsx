import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter-preact';
import { ProfileContext, type Services, ServicesContext, useServices } from './context.ts';
import { LANGUAGES } from './i18n.ts';
import { homePage, may, type StaffProfile } from './logic/permissions.ts';
import { FeedbackPage } from './pages/feedback.tsx';
import { InboxPage } from './pages/inbox.tsx';
import { ProblemPage } from './pages/problem.tsx';
import { CallbackPage, SignInPage } from './pages/sign-in.tsx';

// The dashboard brings the chart library: it loads only when opened.
const DashboardPage = lazy(() => import('./pages/dashboard.tsx').then((module) => module.DashboardPage));
// Problems and hot topics are pages few roles open: loaded when opened, off the first load.
const ProblemsPage = lazy(() => import('./pages/problems.tsx').then((module) => module.ProblemsPage));
const HotTopicPage = lazy(() => import('./pages/hot-topics.tsx').then((module) => module.HotTopicPage));

/** Loads who is signed in (`GET /v1/me`) before any page, so only allowed pages and actions show. */
function WithProfile({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const [profile, setProfile] = useState<StaffProfile | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .me()
      .then(setProfile, (caught: unknown) =>
        setError(caught instanceof Error ? caught.message : String(caught)),
      );
  }, []);
  if (error)
    return (
      <main id="main">
        <p class="error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      </main>
    );
  if (!profile)
    return (
      <main id="main">
        <p role="status">{t('inbox.loading')}</p>
      </main>
    );
  return (
    <ProfileContext.Provider value={profile}>
      <Shell profile={profile} onSignOut={onSignOut} />
    </ProfileContext.Provider>
  );
}

function Shell({ profile, onSignOut }: { profile: StaffProfile; onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const [location] = useLocation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  const home = homePage(profile);
  const loading = <p role="status">{t('dashboard.loading')}</p>;
  const dashboard = (
    <Suspense fallback={loading}>
      <DashboardPage />
    </Suspense>
  );
  const problems = (
    <Suspense fallback={loading}>
      <ProblemsPage />
    </Suspense>
  );
  const homeElement = home === 'inbox' ? <InboxPage /> : home === 'dashboard' ? dashboard : problems;
  const current = (path: string) =>
    (path === '/' ? location === '/' || location.startsWith('/feedback') : location.startsWith(path))
      ? 'page'
      : undefined;
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.main')}>
          {may(profile, 'listFeedback') && (
            <Link href="/" aria-current={current('/')}>
              {t('nav.inbox')}
            </Link>
          )}
          {(may(profile, 'listSnapshots') || may(profile, 'hotTopics')) && (
            <Link href="/dashboard" aria-current={current('/dashboard')}>
              {t('nav.dashboard')}
            </Link>
          )}
          {may(profile, 'listProblems') && (
            <Link href="/problems" aria-current={current('/problems')}>
              {t('hotconsole.nav.problems')}
            </Link>
          )}
        </nav>
        <label class="lang">
          {t('app.language')}{' '}
          <select
            value={i18n.language}
            onChange={(event) => void i18n.changeLanguage(event.currentTarget.value)}
          >
            {LANGUAGES.map((language) => (
              <option key={language.code} value={language.code} lang={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="secondary" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path="/">{homeElement}</Route>
          <Route path="/feedback/:id">{(params) => <FeedbackPage id={params.id} />}</Route>
          <Route path="/problems">{problems}</Route>
          <Route path="/problems/:id">{(params) => <ProblemPage id={params.id} />}</Route>
          <Route path="/hot-topics/:id">
            {(params) => (
              <Suspense fallback={loading}>
                <HotTopicPage id={params.id} />
              </Suspense>
            )}
          </Route>
          <Route path="/dashboard">{dashboard}</Route>
          <Route>{homeElement}</Route>
        </Switch>
      </main>
    </>
  );
}

/** The console: sign-in first, then the inbox, a feedback, the dashboard. */
export function App({ services, signedIn: initiallySignedIn }: { services: Services; signedIn: boolean }) {
  const [signedIn, setSignedIn] = useState(initiallySignedIn);
  useEffect(() => {
    const onUnauthorized = () => setSignedIn(false);
    window.addEventListener('sf-unauthorized', onUnauthorized);
    return () => window.removeEventListener('sf-unauthorized', onUnauthorized);
  }, []);
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return (
    <ServicesContext.Provider value={services}>
      <Router base={base}>
        <Switch>
          <Route path="/callback">
            <CallbackPage onSignedIn={() => setSignedIn(true)} />
          </Route>
          <Route>
            {signedIn ? (
              <WithProfile
                onSignOut={() => {
                  void services.auth.signOut();
                  setSignedIn(false);
                }}
              />
            ) : (
              <SignInPage onSignedIn={() => setSignedIn(true)} />
            )}
          </Route>
        </Switch>
      </Router>
    </ServicesContext.Provider>
  );
}
