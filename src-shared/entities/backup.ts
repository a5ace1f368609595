// Local backups of the database: consistent snapshots kept beside it.
import { z } from 'zod';

export const BackupKind = z.enum(['scheduled', 'manual', 'before-restore']);
export type BackupKind = z.infer<typeof BackupKind>;

export const BackupInfo = z.object({
  /** The file name inside the backups folder; what restore takes. */
  name: z.string(),
  path: z.string(),
  kind: BackupKind,
  createdAt: z.number().int(),
  bytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const IntegrityReport = z.object({
  ok: z.boolean(),
  /** What SQLite reported, in its words; empty when ok. */
  problems: z.array(z.string()),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

/** When scheduled backups are made and how many are kept (setting `backup.schedule`). */
export const BackupSchedule = z.object({
  enabled: z.boolean(),
  intervalHours: z.number().min(1).max(24 * 30),
  keep: z.number().int().min(1).max(100),
});
export type BackupSchedule = z.infer<typeof BackupSchedule>;

export const DEFAULT_SCHEDULE: BackupSchedule = { enabled: true, intervalHours: 24, keep: 10 };
