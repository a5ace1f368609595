// The settings dialog (a native modal <dialog>: focus stays inside, Escape
// closes it, focus returns to the button that opened it), in tabs: providers,
// keys and vault status, appearance (theme, language), data (settings export
// and import, backups, conversations import and export), team sync. Its name avoids the
// words of the form's labels, so a label lookup such as "Provider" finds
// exactly one control.
import { useTranslation } from '../i18n';
import { AppearancePanel } from './AppearancePanel';
import { DataPanel } from './DataPanel';
import { KeysPanel } from './KeysPanel';
import { ModelsPanel } from './ModelsPanel';
import { useModalDialog } from '../shell/useModalDialog';
import { useSettings, useStores } from '../state/context';
import { SETTINGS_TABS, type SettingsTab } from '../state/settings-store';
import { Tabs } from '../ui/Tabs';
import { ProviderForm } from './ProviderForm';
import { SyncPanel } from './SyncPanel';
import './settings.css';

function panelOf(tab: SettingsTab) {
  switch (tab) {
    case 'providers':
      return <ProviderForm />;
    case 'keys':
      return <KeysPanel />;
    case 'models':
      return <ModelsPanel />;
    case 'appearance':
      return <AppearancePanel />;
    case 'data':
      return <DataPanel />;
    case 'sync':
      return <SyncPanel />;
  }
}

export function SettingsDialog() {
  const { t } = useTranslation();
  const { settings } = useStores();
  const open = useSettings((s) => s.open);
  const tab = useSettings((s) => s.tab);
  const dialog = useModalDialog(open);

  return (
    <dialog
      ref={dialog}
      className="dialog settings-dialog"
      aria-labelledby="settings-title"
      onClose={() => settings.close()}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2 id="settings-title">{t('settings.title')}</h2>
          </header>
          <div className="dialog-body">
            <Tabs
              id="settings"
              label={t('settings.sections')}
              tabs={SETTINGS_TABS.map((value) => ({ value, label: t(`settings.tabs.${value}`) }))}
              selected={tab}
              onSelect={(value) => settings.setTab(value)}
            >
              {panelOf(tab)}
            </Tabs>
          </div>
          <footer className="dialog-footer">
            <button type="button" onClick={() => settings.close()}>
              {t('common.close')}
            </button>
          </footer>
        </>
      )}
    </dialog>
  );
}
