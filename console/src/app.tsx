import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter-preact';
import { type Services, ServicesContext } from './context.ts';
import { LANGUAGES } from './i18n.ts';
import { CampaignPage, CampaignsPage } from './pages/campaigns.tsx';
import { FeedbackPage } from './pages/feedback.tsx';
import { InboxPage } from './pages/inbox.tsx';
import { ProblemPage } from './pages/problem.tsx';
import { CallbackPage, SignInPage } from './pages/sign-in.tsx';

// The dashboard brings the chart library: it loads only when opened.
const DashboardPage = lazy(() => import('./pages/dashboard.tsx').then((module) => module.DashboardPage));

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const [location] = useLocation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
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
          <Link href="/" aria-current={current('/')}>
            {t('nav.inbox')}
          </Link>
          <Link href="/dashboard" aria-current={current('/dashboard')}>
            {t('nav.dashboard')}
          </Link>
          <Link href="/campaigns" aria-current={current('/campaigns')}>
            {t('campaign.nav')}
          </Link>
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
          <Route path="/">
            <InboxPage />
          </Route>
          <Route path="/feedback/:id">{(params) => <FeedbackPage id={params.id} />}</Route>
          <Route path="/problems/:id">{(params) => <ProblemPage id={params.id} />}</Route>
          <Route path="/campaigns">
            <CampaignsPage />
          </Route>
          <Route path="/campaigns/:id">{(params) => <CampaignPage id={params.id} />}</Route>
          <Route path="/dashboard">
            <Suspense fallback={<p>{t('dashboard.loading')}</p>}>
              <DashboardPage />
            </Suspense>
          </Route>
          <Route>
            <InboxPage />
          </Route>
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
              <Shell
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
