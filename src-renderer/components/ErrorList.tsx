// Problems that are not about one message or one form, until dismissed.
import { useTranslation } from '../i18n';
import { useAppState, useController } from '../state/context';

export function ErrorList() {
  const controller = useController();
  const errors = useAppState((s) => s.errors);
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className="errors">
      {errors.map((error) => (
        <div key={error.id} className="error-item" role="alert">
          <span>{error.text}</span>
          <button type="button" className="quiet" onClick={() => controller.dismissError(error.id)}>
            {t('common.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
