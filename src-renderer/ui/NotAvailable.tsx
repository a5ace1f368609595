// The plain state of a screen whose part of the core is not in this build yet.
import { useTranslation } from '../i18n';

export function NotAvailable({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <div className="not-available" role="note">
      <p>
        <strong>{t('notAvailable.title', { what })}</strong>
      </p>
      <p className="hint">{t('notAvailable.body')}</p>
    </div>
  );
}
