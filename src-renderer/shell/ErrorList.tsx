// Problems that are not about one message or one form, until dismissed.
import { useTranslation } from '../i18n';
import { useStatus, useStores } from '../state/context';

export function ErrorList() {
  const { status } = useStores();
  const errors = useStatus((s) => s.errors);
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className="errors">
      {errors.map((error) => (
        <div key={error.id} className="error-item" role="alert">
          <span>{error.text}</span>
          <button type="button" className="quiet" onClick={() => status.dismissError(error.id)}>
            {t('common.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
