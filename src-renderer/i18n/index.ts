// Every user-visible string goes through i18next. English is the source of truth
// (locales/en.ts); every other language has the same keys, checked by the type
// of `Translation` and by i18n.test.ts.
import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation as useReactTranslation } from 'react-i18next';
import { de } from './locales/de';
import { en } from './locales/en';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((language) => language.code === code);
}

/** The stored choice when there is one, otherwise the browser's language when we have it. */
export function pickLanguage(stored: string | null, preferred: readonly string[]): LanguageCode {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: 'en',
  fallbackLng: 'en',
  // React escapes text; markup never comes from translations.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
});

/** For code outside components (the controllers): always the current language. */
export const t: TFunction = i18n.t.bind(i18n);

export function setLanguage(code: string): void {
  const language = isLanguage(code) ? code : 'en';
  void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** react-i18next's hook bound to our instance, so components work without a provider (and in tests). */
export function useTranslation() {
  return useReactTranslation('translation', { i18n });
}
