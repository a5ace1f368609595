import { readSchedule, SCHEDULE_SETTING } from '../../backup-schedule';
import type { BackupStore, SettingStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

export function backupHandlers({ store, chat }: StoreDeps<BackupStore & SettingStore>): HandlersOf<'backup'> & HandlersOf<'store'> {
  return {
    'backup.list': async () => store.listBackups(),
    'backup.create': async () => store.createBackup('manual'),
    'backup.restore': async ({ name }) => {
      const result = await store.restoreBackup(name);
      chat.emit('backup.restored', result.restored);
      return result;
    },
    'backup.getSchedule': async () => readSchedule(store),
    'backup.setSchedule': async (schedule) => {
      await store.setSetting(SCHEDULE_SETTING, schedule, true);
      return readSchedule(store);
    },
    'store.integrityCheck': async () => store.integrityCheck(),
  };
}
