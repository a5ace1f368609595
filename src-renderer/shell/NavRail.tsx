// The views, one button each, with the current one marked; settings at the foot.
import { useTranslation } from '../i18n';
import { useStores, useUiState } from '../state/context';
import { VIEWS } from '../state/ui-store';
import { Icon } from './icons';
import { describeKeys, isMacPlatform } from './shortcuts';

export function NavRail() {
  const { t } = useTranslation();
  const { ui, settings } = useStores();
  const current = useUiState((s) => s.view);
  const isMac = isMacPlatform(navigator);

  return (
    <nav className="rail" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((view, index) => (
          <li key={view}>
            <button
              type="button"
              className="rail-button"
              aria-current={view === current ? 'page' : undefined}
              title={`${t(`nav.${view}`)} (${describeKeys(`Alt+${index + 1}`, isMac)})`}
              onClick={() => ui.setView(view)}
            >
              <Icon name={view} />
              <span className="rail-label">{t(`nav.${view}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="rail-foot">
        <button type="button" className="rail-button" onClick={() => ui.openPalette()} title={describeKeys('Mod+K', isMac)}>
          <Icon name="commands" />
          <span className="rail-label">{t('nav.commands')}</span>
        </button>
        <button type="button" className="rail-button" onClick={() => settings.open()}>
          <Icon name="settings" />
          <span className="rail-label">{t('nav.settings')}</span>
        </button>
      </div>
    </nav>
  );
}
