import { describe, expect, it } from 'vitest';
import { SCHEDULE_SETTING, startBackupScheduler } from './backup-schedule';
import { useTempStores } from './store/testing';

const stores = useTempStores();

describe('scheduled backups', () => {
  it('makes a backup when none is recent enough, follows the chosen schedule, and can be turned off', async () => {
    const store = await stores.open();
    let clock = Date.now();
    const scheduler = startBackupScheduler(store, { firstCheckMs: 1_000_000, now: () => clock });
    try {
      expect(await scheduler.check()).toBe(true);
      expect(await scheduler.check()).toBe(false);
      clock += 25 * 3_600_000;
      expect(await scheduler.check()).toBe(true);
      await store.setSetting(SCHEDULE_SETTING, { enabled: true, intervalHours: 100, keep: 1 }, true);
      clock += 25 * 3_600_000;
      expect(await scheduler.check()).toBe(false);
      clock += 100 * 3_600_000;
      expect(await scheduler.check()).toBe(true);
      expect((await store.listBackups()).filter((b) => b.kind === 'scheduled')).toHaveLength(1);
      await store.setSetting(SCHEDULE_SETTING, { enabled: false, intervalHours: 1, keep: 1 }, true);
      clock += 1000 * 3_600_000;
      expect(await scheduler.check()).toBe(false);
    } finally {
      scheduler.stop();
    }
  });
});
