// Theme (system, light, dark) and language.
import { LANGUAGES, useTranslation } from '../i18n';
import { useUi, useUiState } from '../state/context';
import { THEMES } from '../state/ui-store';

export function AppearancePanel() {
  const { t } = useTranslation();
  const ui = useUi();
  const theme = useUiState((s) => s.theme);
  const language = useUiState((s) => s.language);
  return (
    <div className="settings-panel">
      <fieldset className="field">
        <legend>{t('appearance.theme')}</legend>
        <div className="radio-row">
          {THEMES.map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => ui.setTheme(value)} />
              {t(`theme.${value}`)}
            </label>
          ))}
        </div>
        <p className="hint">{t('appearance.themeHint')}</p>
      </fieldset>
      <div className="field">
        <label htmlFor="settings-language">{t('appearance.language')}</label>
        <select id="settings-language" value={language} onChange={(event) => ui.setLanguage(event.target.value)}>
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
