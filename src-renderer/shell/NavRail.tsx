// The views, one button each, with the current one marked; settings at the foot.
// In a narrow window it is a row of icons across the top, led by the button that
// opens the conversation drawer (where the view has one).
import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n';
import { useStores, useUiState } from '../state/context';
import { VIEWS } from '../state/ui-store';
import { Icon } from './icons';
import { describeKeys, isMacPlatform } from './shortcuts';

export function NavRail() {
  const { t } = useTranslation();
  const { ui, settings } = useStores();
  const current = useUiState((s) => s.view);
  const drawerOpen = useUiState((s) => s.drawerOpen);
  const isMac = isMacPlatform(navigator);
  const hasDrawer = current === 'chat' || current === 'compare';
  const menuButton = useRef<HTMLButtonElement>(null);

  // Closed by Escape, the backdrop or its Close button, the drawer gives focus back here.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !drawerOpen && ui.state.drawerReturn === 'menu') menuButton.current?.focus();
    wasOpen.current = drawerOpen;
  }, [drawerOpen, ui]);

  return (
    <nav className="rail" aria-label={t('nav.label')} inert={drawerOpen}>
      {hasDrawer && (
        <button
          ref={menuButton}
          type="button"
          className="rail-button drawer-toggle"
          aria-expanded={drawerOpen}
          aria-controls="sidebar"
          onClick={() => ui.openDrawer()}
        >
          <Icon name="all" />
          <span className="rail-label">{t('shell.openMenu')}</span>
        </button>
      )}
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
