// Tells the user when the browser host cannot be reached (never under Electron).
import { Trans } from 'react-i18next';
import { i18n, useTranslation } from '../i18n';
import { useStatus } from '../state/context';

export function ConnectionBanner() {
  const connection = useStatus((s) => s.connection);
  const everConnected = useStatus((s) => s.everConnected);
  const { t } = useTranslation();
  if (connection !== 'reconnecting') return null;
  return (
    <p className="banner" role="status">
      {everConnected ? t('connection.lost') : t('connection.unreachable')}{' '}
      <Trans i18n={i18n} i18nKey="connection.retrying" components={{ code: <code /> }} />
    </p>
  );
}
