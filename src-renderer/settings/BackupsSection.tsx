// Local backups: make one now, see the kept ones, restore one (the core backs up
// the current data first), and check the database's integrity.
import { useState } from 'react';
import type { IntegrityReport } from '../../src-shared/entities/backup';
import { userMessage } from '../api/errors';
import { i18n, useTranslation } from '../i18n';
import { useStores } from '../state/context';
import { useQuery } from '../ui/useQuery';

function bytes(value: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(size)} ${units[unit]}`;
}

export function BackupsSection() {
  const { t } = useTranslation();
  const { api, ui } = useStores();
  const backups = useQuery(() => api.call('backup.list', {}), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [integrity, setIntegrity] = useState<IntegrityReport | null>(null);
  const schedule = useQuery(() => api.call('backup.getSchedule', {}), []);

  const run = async (what: string, work: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(what);
    try {
      await work();
      ui.toast(done, { tone: 'success' });
      backups.reload();
    } catch (error) {
      ui.toast(userMessage(error), { tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const list = backups.status === 'ready' ? backups.data : [];
  return (
    <section aria-labelledby="backups-title" aria-busy={busy !== null}>
      <h3 id="backups-title">{t('backups.title')}</h3>
      <div className="form-actions">
        <button type="button" onClick={() => void run('create', () => api.call('backup.create', {}), t('backups.made'))}>
          {busy === 'create' ? t('backups.making') : t('backups.makeNow')}
        </button>
        <button type="button" onClick={() => void run('check', async () => setIntegrity(await api.call('store.integrityCheck', {})), t('backups.checked'))}>
          {t('backups.check')}
        </button>
      </div>
      {schedule.status === 'ready' && (
        <fieldset className="field schedule">
          <legend>{t('backups.schedule')}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={schedule.data.enabled}
              onChange={(event) =>
                void run('schedule', () => api.call('backup.setSchedule', { ...schedule.data, enabled: event.target.checked }).then(() => schedule.reload()), t('backups.scheduleSaved'))
              }
            />
            {t('backups.automatic')}
          </label>
          <div className="field-row">
            <div className="field">
              <label htmlFor="backup-interval">{t('backups.every')}</label>
              <select
                id="backup-interval"
                value={schedule.data.intervalHours}
                onChange={(event) =>
                  void run('schedule', () => api.call('backup.setSchedule', { ...schedule.data, intervalHours: Number(event.target.value) }).then(() => schedule.reload()), t('backups.scheduleSaved'))
                }
              >
                {[...new Set([1, 6, 12, 24, 168, schedule.data.intervalHours])].sort((a, b) => a - b).map((hours) => (
                  <option key={hours} value={hours}>
                    {t('backups.hours', { count: hours })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="backup-keep">{t('backups.keep')}</label>
              <input
                id="backup-keep"
                type="number"
                min={1}
                max={100}
                defaultValue={schedule.data.keep}
                onBlur={(event) => {
                  const keep = Math.round(Number(event.target.value));
                  if (keep >= 1 && keep <= 100 && keep !== schedule.data.keep) {
                    void run('schedule', () => api.call('backup.setSchedule', { ...schedule.data, keep }).then(() => schedule.reload()), t('backups.scheduleSaved'));
                  }
                }}
              />
            </div>
          </div>
        </fieldset>
      )}
      {integrity && (
        <p role="status" className={`form-status ${integrity.ok ? 'success' : 'error'}`}>
          {integrity.ok ? t('backups.healthy') : `${t('backups.unhealthy')} ${integrity.problems.join('; ')}`}
        </p>
      )}
      {backups.status === 'error' && <p className="form-status error">{backups.message}</p>}
      {list.length === 0 && backups.status === 'ready' && <p className="hint">{t('backups.none')}</p>}
      {list.length > 0 && (
        <ul className="backup-list" aria-label={t('backups.kept')}>
          {list.map((backup) => (
            <li key={backup.name}>
              <span>
                {new Date(backup.createdAt).toLocaleString(i18n.language)} · {t(`backups.kinds.${backup.kind}`)} · {bytes(backup.bytes)}
              </span>
              <button
                type="button"
                className="small"
                aria-label={t('backups.restoreFrom', { when: new Date(backup.createdAt).toLocaleString(i18n.language) })}
                onClick={() => {
                  if (!window.confirm(t('backups.confirmRestore'))) return;
                  void run('restore', () => api.call('backup.restore', { name: backup.name }), t('backups.restored'));
                }}
              >
                {t('backups.restore')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
