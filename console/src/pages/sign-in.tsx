import { useEffect, useState } from 'preact/hooks';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter-preact';
import { ApiError } from '../api.ts';
import { useServices } from '../context.ts';
import { LANGUAGES } from '../i18n.ts';

/** Sign-in: the `Staff token` form locally (contract §6), Cognito managed login when deployed. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, i18n } = useTranslation();
  const { auth, api } = useServices();
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (auth.mode === 'cognito') {
        await auth.signInRedirect();
        return;
      }
      auth.useLocalToken(token.trim());
      // Any role may read its own profile (an analyst may not list feedback).
      await api.me();
      onSignedIn();
    } catch (caught) {
      void auth.signOut();
      setError(
        caught instanceof ApiError && caught.status === 401
          ? t('signIn.invalid')
          : t('signIn.failed', { message: caught instanceof Error ? caught.message : String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>{t('app.title')}</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {auth.mode === 'local' ? (
          <p>
            <label for="staff-token">{t('signIn.token')}</label>
            <input
              id="staff-token"
              name="token"
              type="password"
              autoComplete="off"
              required
              value={token}
              onInput={(event) => setToken(event.currentTarget.value)}
            />
          </p>
        ) : (
          <p>{t('signIn.cognito')}</p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <label>
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
      </p>
    </main>
  );
}

/** Where Cognito sends the browser back: exchanges the code, then opens the inbox. */
export function CallbackPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const { auth } = useServices();
  const [, navigate] = useLocation();
  const [error, setError] = useState('');
  useEffect(() => {
    auth
      .completeSignIn()
      .then(() => {
        onSignedIn();
        navigate('/', { replace: true });
      })
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, []);
  return (
    <main id="main">
      <p role={error ? 'alert' : 'status'}>{error ? t('signIn.failed', { message: error }) : '…'}</p>
    </main>
  );
}
