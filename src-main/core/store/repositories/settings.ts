// Settings: JSON values by key. A chosen setting syncs (outbox, hlc); a setting
// about this device stays local.
import type Database from 'better-sqlite3';
import type { Setting } from '../../../../src-shared/entities/settings';
import { jsonColumn, parseJsonColumn } from './synced-rows';
import type { OutboxRepository } from './outbox';

interface SettingRow {
  key: string;
  value: string;
  synced: number;
  updated_at: number;
  space_id: string | null;
  deleted: number;
}

const toSetting = (row: SettingRow): Setting => ({
  key: row.key,
  value: parseJsonColumn(row.value, null),
  synced: row.synced === 1,
  updatedAt: row.updated_at,
});

export class SettingsRepository {
  private readonly select;
  private readonly selectAll;
  private readonly upsert;

  constructor(
    db: Database.Database,
    private readonly outbox: OutboxRepository,
  ) {
    this.select = db.prepare<[string], SettingRow>('SELECT * FROM settings WHERE key = ? AND deleted = 0');
    this.selectAll = db.prepare<[], SettingRow>('SELECT * FROM settings WHERE deleted = 0 ORDER BY key');
    this.upsert = db.prepare(
      `INSERT INTO settings (key, value, synced, updated_at, space_id, hlc, deleted)
       VALUES (@key, @value, @synced, @updated_at, @space_id, @hlc, 0)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, synced = excluded.synced, updated_at = excluded.updated_at,
         space_id = excluded.space_id, hlc = excluded.hlc, deleted = 0`,
    );
  }

  get(key: string): Setting | null {
    const row = this.select.get(key);
    return row ? toSetting(row) : null;
  }

  list(): Setting[] {
    return this.selectAll.all().map(toSetting);
  }

  set(key: string, value: unknown, synced: boolean, spaceId: string): Setting {
    const text = jsonColumn(value);
    const existing = this.select.get(key);
    if (existing && existing.value === text && (existing.synced === 1) === synced) return toSetting(existing);
    const now = Date.now();
    const space = synced ? (existing?.space_id ?? spaceId) : null;
    const hlc = synced ? this.outbox.record({ space: space!, table: 'settings', row: key, fields: { value: text, updated_at: now } }) : null;
    this.upsert.run({ key, value: text, synced: synced ? 1 : 0, updated_at: now, space_id: space, hlc });
    return this.get(key)!;
  }
}
