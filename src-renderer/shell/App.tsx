// The window: the navigation rail, the conversation sidebar (a drawer in a narrow
// window, see shell.css), the current view in its own error boundary, and what
// floats above (settings, palette, shortcuts, toasts) plus one polite live region
// for finished replies.
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { ChatView } from '../chat/ChatView';
import { setLanguage, useTranslation } from '../i18n';
import { SettingsDialog } from '../settings/SettingsDialog';
import { Sidebar } from '../sidebar/Sidebar';
import { useSettings, useStores, useUiState } from '../state/context';
import type { View } from '../state/ui-store';
import { Announcer } from './Announcer';
import { CommandPalette } from './CommandPalette';
import { ErrorBoundary } from './ErrorBoundary';
import { NavRail } from './NavRail';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useDrawer } from './useDrawer';
import { applyTheme } from './theme';
import { Toasts } from './Toasts';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import './shell.css';

// Screens used less often load when first opened, keeping start-up small.
const CompareView = lazy(() => import('../compare/CompareView'));
const PersonasView = lazy(() => import('../library/PersonasView'));
const PipelinesView = lazy(() => import('../library/PipelinesView'));
const GoalsView = lazy(() => import('../library/GoalsView'));
const AnalyticsView = lazy(() => import('../analytics/AnalyticsView'));

function viewOf(view: View): ReactNode {
  switch (view) {
    case 'chat':
      return <ChatView />;
    case 'compare':
      return <CompareView />;
    case 'personas':
      return <PersonasView />;
    case 'pipelines':
      return <PipelinesView />;
    case 'goals':
      return <GoalsView />;
    case 'analytics':
      return <AnalyticsView />;
  }
}

export function App() {
  const { t } = useTranslation();
  const { ui } = useStores();
  const view = useUiState((s) => s.view);
  const drawerOpen = useDrawer();
  const theme = useSettings((s) => s.theme);
  const language = useSettings((s) => s.language);
  useGlobalShortcuts();

  useEffect(() => applyTheme(theme), [theme]);
  // A new view takes focus (as a page load would) unless focus went somewhere on purpose (the search box).
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    const main = document.getElementById('main');
    const active = document.activeElement;
    const focusWasLost = !active || active === document.body || active.closest('.rail') !== null;
    if (main && focusWasLost) main.focus({ preventScroll: true });
  }, [view]);
  useEffect(() => setLanguage(language), [language]);

  return (
    <div className={drawerOpen ? 'app drawer-open' : 'app'}>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <NavRail />
      <Sidebar />
      {/* Pointer users close the drawer beside it; keyboard users have Escape and its Close button. */}
      {drawerOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={() => ui.closeDrawer()} />}
      <main id="main" className={`view view-${view}`} tabIndex={-1} inert={drawerOpen}>
        <ErrorBoundary key={view} area={t(`nav.${view}`)}>
          <Suspense fallback={<p className="view-loading">{t('common.loading')}</p>}>{viewOf(view)}</Suspense>
        </ErrorBoundary>
      </main>
      <Toasts />
      <Announcer />
      <SettingsDialog />
      <CommandPalette />
      <ShortcutsDialog />
    </div>
  );
}
