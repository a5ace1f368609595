// Drives a native modal <dialog> from state: showModal traps focus and makes the
// rest inert, Escape closes it. Focus goes back to where it was, with the caret
// put back in a text field explicitly: the browser's own restoring can leave the
// selection outside the field, and the first keys typed after closing are lost.
import { useEffect, useRef } from 'react';

function restoreFocus(element: Element | null): void {
  if (!(element instanceof HTMLElement) || !element.isConnected) return;
  element.focus({ preventScroll: true });
  if (element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && /^(text|search|url|email|password)$/.test(element.type))) {
    const end = element.value.length;
    element.setSelectionRange(end, end);
  }
}

export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // Unless something took focus on purpose meanwhile (a command that moved it).
    const onClose = () => {
      const active = document.activeElement;
      if (!active || active === document.body || active === opener.current || element.contains(active)) restoreFocus(opener.current);
    };
    element.addEventListener('close', onClose);
    return () => element.removeEventListener('close', onClose);
  }, []);

  return dialog;
}
