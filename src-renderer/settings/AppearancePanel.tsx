// Theme (system, light, dark) and language.
import { LANGUAGES, useTranslation } from '../i18n';
import { useSettings, useStores } from '../state/context';
import { THEMES } from '../state/settings-store';

export function AppearancePanel() {
  const { t } = useTranslation();
  const { settings } = useStores();
  const theme = useSettings((s) => s.theme);
  const language = useSettings((s) => s.language);
  return (
    <div className="settings-panel">
      <fieldset className="field">
        <legend>{t('appearance.theme')}</legend>
        <div className="radio-row">
          {THEMES.map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => settings.setTheme(value)} />
              {t(`theme.${value}`)}
            </label>
          ))}
        </div>
        <p className="hint">{t('appearance.themeHint')}</p>
      </fieldset>
      <div className="field">
        <label htmlFor="settings-language">{t('appearance.language')}</label>
        <select id="settings-language" value={language} onChange={(event) => settings.setLanguage(event.target.value)}>
          {LANGUAGES.map((option) => (
            <option key={option.code} value={option.code} lang={option.code}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
