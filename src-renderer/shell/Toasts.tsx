// Background results (a deletion to undo, a theme change, an export done). They
// sit in a polite status region; the action button is reachable by keyboard.
import { useTranslation } from '../i18n';
import { useStores, useUiState } from '../state/context';

export function Toasts() {
  const { t } = useTranslation();
  const { ui } = useStores();
  const toasts = useUiState((s) => s.toasts);
  return (
    <section className="toasts" aria-label={t('toasts.label')}>
      <div role="status" aria-live="polite" aria-relevant="additions text">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            <span>{toast.text}</span>
            {toast.action && (
              <button type="button" onClick={() => ui.runToastAction(toast.id)}>
                {toast.action.label}
              </button>
            )}
            <button type="button" className="quiet toast-close" aria-label={t('toasts.dismiss')} onClick={() => ui.dismissToast(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
