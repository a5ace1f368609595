// Provider configurations (name, kind, base URL, model). Keys are the vault's
// business: this table has no column for one.
import type Database from 'better-sqlite3';
import type { ProviderConfig } from '../../../../src-shared/domain';
import type { ProviderSettings } from '../../../../src-shared/entities/provider-settings';
import { storeErrors } from '../errors';
import type { FieldValue } from '../interfaces';
import type { OutboxRepository } from './outbox';

interface ProviderRow {
  id: string;
  space_id: string;
  name: string;
  kind: ProviderConfig['kind'];
  base_url: string;
  model: string;
  created_at: number;
  updated_at: number;
  settings: string;
  hlc: string;
  deleted: number;
}

/** The columns a user edits; each syncs on its own, so edits on two devices merge. */
const EDITABLE = ['name', 'kind', 'base_url', 'model'] as const;

function toProvider(row: ProviderRow): ProviderConfig {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.base_url,
    model: row.model,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class ProviderRepository {
  private readonly selectById;
  private readonly selectAll;
  private readonly upsert;
  private readonly markDeleted;
  private readonly updateSettings;

  constructor(
    db: Database.Database,
    private readonly outbox: OutboxRepository,
  ) {
    this.selectById = db.prepare<[string], ProviderRow>('SELECT * FROM providers WHERE id = ?');
    this.selectAll = db.prepare<[], ProviderRow>('SELECT * FROM providers WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id');
    this.upsert = db.prepare(
      `INSERT INTO providers (id, space_id, name, kind, base_url, model, created_at, updated_at, hlc, deleted)
       VALUES (@id, @space_id, @name, @kind, @base_url, @model, @created_at, @updated_at, @hlc, 0)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, base_url = excluded.base_url,
         model = excluded.model, created_at = excluded.created_at, updated_at = excluded.updated_at,
         hlc = excluded.hlc, deleted = 0`,
    );
    this.markDeleted = db.prepare<[string, string]>('UPDATE providers SET deleted = 1, hlc = ? WHERE id = ?');
    this.updateSettings = db.prepare<[string, number, string, string]>(
      'UPDATE providers SET settings = ?, updated_at = ?, hlc = ? WHERE id = ?',
    );
  }

  settings(id: string): ProviderSettings {
    const row = this.liveRow(id);
    try {
      return JSON.parse(row.settings) as ProviderSettings;
    } catch {
      return {};
    }
  }

  /** Replaces the settings; one change when they differ. */
  setSettings(id: string, settings: ProviderSettings): ProviderSettings {
    const row = this.liveRow(id);
    const text = JSON.stringify(settings);
    if (row.settings !== text) {
      const now = Date.now();
      const hlc = this.outbox.record({ space: row.space_id, table: 'providers', row: id, fields: { settings: text, updated_at: now } });
      this.updateSettings.run(text, now, hlc, id);
    }
    return this.settings(id);
  }

  private liveRow(id: string): ProviderRow {
    const row = this.selectById.get(id);
    if (!row || row.deleted === 1) throw storeErrors.notFound('provider', id);
    return row;
  }

  list(): ProviderConfig[] {
    return this.selectAll.all().map(toProvider);
  }

  find(id: string): ProviderConfig | null {
    const row = this.selectById.get(id);
    return row && row.deleted === 0 ? toProvider(row) : null;
  }

  /** Creates or updates; only the columns that changed become a change. */
  save(provider: ProviderConfig, spaceId: string): ProviderConfig {
    const existing = this.selectById.get(provider.id);
    const live = existing && existing.deleted === 0 ? existing : undefined;
    const next = {
      name: provider.name,
      kind: provider.kind,
      base_url: provider.baseUrl,
      model: provider.model,
    };
    const changed: Record<string, FieldValue> = {};
    for (const column of EDITABLE) {
      if (!live || live[column] !== next[column]) changed[column] = next[column];
    }
    if (live && Object.keys(changed).length === 0) return toProvider(live);
    const now = Date.now();
    const createdAt = live ? live.created_at : provider.createdAt;
    if (!live) changed.created_at = createdAt;
    changed.updated_at = now;
    const space = existing?.space_id ?? spaceId;
    const hlc = this.outbox.record({ space, table: 'providers', row: provider.id, fields: changed });
    this.upsert.run({ ...next, id: provider.id, space_id: space, created_at: createdAt, updated_at: now, hlc });
    return this.find(provider.id)!;
  }

  /** Returns false when there was nothing live to delete. */
  delete(id: string): boolean {
    const row = this.selectById.get(id);
    if (!row || row.deleted === 1) return false;
    const hlc = this.outbox.record({ space: row.space_id, table: 'providers', row: id, fields: {}, deleted: true });
    this.markDeleted.run(hlc, id);
    return true;
  }
}
