import { render } from 'preact';
import { Api } from './api.ts';
import { App } from './app.tsx';
import { Auth } from './auth.ts';
import { loadConfig } from './config.ts';
import { initI18n } from './i18n.ts';
import './styles.css';

const root = document.getElementById('app');
try {
  const [config] = await Promise.all([loadConfig(), initI18n()]);
  const auth = new Auth(config);
  const signedIn = await auth.restore().catch(() => false);
  const api = new Api(config.apiUrl, auth, () => window.dispatchEvent(new Event('sf-unauthorized')));
  if (root) render(<App services={{ config, auth, api }} signedIn={signedIn} />, root);
} catch (error) {
  if (root)
    root.textContent = `The console could not start: ${error instanceof Error ? error.message : String(error)}`;
}
