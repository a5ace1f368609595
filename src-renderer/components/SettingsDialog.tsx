// The settings dialog (a native modal <dialog>: focus stays inside, Escape
// closes it, focus returns to the button that opened it). For now it holds the
// provider form. Its name avoids the words of the form's labels, so a label
// lookup such as "Provider" finds exactly one control.
import { useEffect, useRef } from 'react';
import { useAppState, useController } from '../state/context';
import { ProviderForm } from './ProviderForm';

export function SettingsDialog() {
  const controller = useController();
  const open = useAppState((s) => s.providerDialogOpen);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="settings-title" onClose={() => controller.closeProviderDialog()}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id="settings-title">Settings</h2>
          </header>
          <ProviderForm />
          <footer className="dialog-footer">
            <button type="button" onClick={() => controller.closeProviderDialog()}>
              Close
            </button>
          </footer>
        </>
      )}
    </dialog>
  );
}
