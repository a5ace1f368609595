import { z } from 'zod';
import { BackupInfo, BackupSchedule, IntegrityReport } from '../../entities/backup';
import { Empty } from './common';

export const backupMethods = {
  /** Newest first. */
  'backup.list': { input: Empty, output: z.array(BackupInfo) },
  /** A verified snapshot now. */
  'backup.create': { input: Empty, output: BackupInfo },
  /** Replaces the data with a backup, after backing up the current data (`safetyCopy`). */
  'backup.restore': {
    input: z.object({ name: z.string().min(1).max(200) }).strict(),
    output: z.object({ restored: BackupInfo, safetyCopy: BackupInfo }),
  },
  'backup.getSchedule': { input: Empty, output: BackupSchedule },
  'backup.setSchedule': { input: BackupSchedule.strict(), output: BackupSchedule },
  /** SQLite's integrity check plus the search index's. */
  'store.integrityCheck': { input: Empty, output: IntegrityReport },
} as const;

export const backupEvents = {
  /** The data was replaced by a backup: everything on screen should be reloaded. */
  'backup.restored': BackupInfo,
} as const;
