// Team sync in one glance, at the foot of the sidebar: an icon and a few words
// (synced, syncing N, offline with N waiting, needs attention), named in full for
// screen readers. A click opens Settings → Team sync. Nothing while sync is off.
import { useTranslation } from '../i18n';
import { Icon } from '../shell/icons';
import { useStores, useSync } from '../state/context';
import { syncStateText } from '../state/sync-store';

const ICONS = {
  'signed-out': 'cloud-off',
  syncing: 'cloud-sync',
  synced: 'cloud',
  offline: 'cloud-off',
  error: 'alert',
} as const;

export function SyncIndicator() {
  const { t } = useTranslation();
  const { settings } = useStores();
  const status = useSync((s) => s.status);
  const words = syncStateText(status);
  if (!status || !words || status.status.state === 'off') return null;
  const state = status.status.state;
  return (
    <button
      type="button"
      className={`quiet sync-indicator sync-${state}`}
      aria-label={t('syncState.label', { state: words })}
      onClick={() => settings.open('sync')}
    >
      <Icon name={ICONS[state]} size={16} />
      <span className="sync-indicator-text">{words}</span>
    </button>
  );
}
