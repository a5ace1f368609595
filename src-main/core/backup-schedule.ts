// Scheduled backups: checks every few minutes whether the newest scheduled backup
// is older than the interval the user chose (setting `backup.schedule`), and makes
// one if so. The first check waits a little, so start-up stays fast. The store
// makes and keeps the backups (core/store/backup); this is the app's policy for
// when, through the store's interfaces. It stays out of the store's entry, which
// the browser host loads first to start the store's thread: its schedule's schema
// would bring zod, 140-190 ms to load, ahead of that.
import { BackupSchedule, DEFAULT_SCHEDULE } from '../../src-shared/entities/backup';
import type { BackupStore, SettingStore } from './store';

export const SCHEDULE_SETTING = 'backup.schedule';

export interface BackupScheduler {
  /** Makes a scheduled backup now if one is due; resolves to whether it made one. */
  check(): Promise<boolean>;
  stop(): void;
}

export async function readSchedule(store: SettingStore): Promise<BackupSchedule> {
  const setting = await store.getSetting(SCHEDULE_SETTING);
  const parsed = BackupSchedule.safeParse(setting?.value);
  return parsed.success ? parsed.data : DEFAULT_SCHEDULE;
}

export function startBackupScheduler(
  store: SettingStore & BackupStore,
  options: { firstCheckMs?: number; checkEveryMs?: number; now?: () => number; onError?: (error: unknown) => void } = {},
): BackupScheduler {
  const now = options.now ?? Date.now;
  let running: Promise<boolean> | null = null;
  const check = () => {
    running ??= (async () => {
      const schedule = await readSchedule(store);
      if (!schedule.enabled) return false;
      const newest = (await store.listBackups()).find((b) => b.kind === 'scheduled');
      if (newest && now() - newest.createdAt < schedule.intervalHours * 3_600_000) return false;
      await store.createBackup('scheduled', schedule.keep);
      return true;
    })().finally(() => (running = null));
    return running;
  };
  const safeCheck = () => void check().catch((error) => options.onError?.(error));
  const first = setTimeout(safeCheck, options.firstCheckMs ?? 60_000);
  const every = setInterval(safeCheck, options.checkEveryMs ?? 10 * 60_000);
  first.unref?.();
  every.unref?.();
  return {
    check,
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
