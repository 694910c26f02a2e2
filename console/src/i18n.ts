import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { zhCN } from './locales/zh-cn.ts';

/** The console's languages (contract §6): English and simplified Chinese. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
] as const;

const STORAGE_KEY = 'sf-console-language';

/** The browser's language when it is one of ours (any zh → zh-CN), else English. */
export function browserLanguage(preferred: readonly string[]): 'en' | 'zh-CN' {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** Starts i18next with both languages; a choice made in this tab wins over the browser's. */
export async function initI18n(): Promise<typeof i18next> {
  const chosen = sessionStorage.getItem(STORAGE_KEY);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: chosen ?? browserLanguage(navigator.languages ?? [navigator.language]),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    sessionStorage.setItem(STORAGE_KEY, language);
  });
  return i18next;
}
