// The list of keyboard shortcuts (Ctrl/Cmd+/ or from the palette).
import { useTranslation } from '../i18n';
import { useStores, useUiState } from '../state/context';
import { describeKeys, isMacPlatform, SHORTCUTS } from './shortcuts';
import { useModalDialog } from './useModalDialog';

export function ShortcutsDialog() {
  const { t } = useTranslation();
  const { ui } = useStores();
  const open = useUiState((s) => s.shortcutsOpen);
  const dialog = useModalDialog(open);
  const isMac = isMacPlatform(navigator);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onClose={() => ui.setShortcutsOpen(false)}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
          </header>
          <div className="dialog-body">
            <table className="shortcut-table">
              <thead>
                <tr>
                  <th scope="col">{t('shortcuts.action')}</th>
                  <th scope="col">{t('shortcuts.keys')}</th>
                </tr>
              </thead>
              <tbody>
                {SHORTCUTS.map((shortcut) => (
                  <tr key={shortcut.command}>
                    <td>{t(`shortcuts.commands.${shortcut.command}`)}</td>
                    <td>
                      <kbd>{describeKeys(shortcut.keys, isMac)}</kbd>
                    </td>
                  </tr>
                ))}
                <tr>
                  <td>{t('shortcuts.commands.sendMessage')}</td>
                  <td>
                    <kbd>Enter</kbd>
                  </td>
                </tr>
                <tr>
                  <td>{t('shortcuts.commands.stopReply')}</td>
                  <td>
                    <kbd>Esc</kbd>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <footer className="dialog-footer">
            <button type="button" onClick={() => ui.setShortcutsOpen(false)}>
              {t('common.close')}
            </button>
          </footer>
        </>
      )}
    </dialog>
  );
}
