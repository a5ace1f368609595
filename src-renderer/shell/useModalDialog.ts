// Drives a native modal <dialog> from state: showModal traps focus and makes the
// rest inert, Escape closes it, and focus returns to where it was.
import { useEffect, useRef } from 'react';

export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
