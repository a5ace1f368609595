// The user's own model entries (custom models, corrected prices), kept as one
// synced setting and read through a small cache: every call looks its price up.
import { z } from 'zod';
import { ModelOverride } from '../../../src-shared/catalog/schema';
import type { ProviderKind } from '../../../src-shared/domain';
import type { SettingStore } from '../store';

export const OVERRIDES_SETTING = 'catalog.overrides';
const OverrideList = z.array(ModelOverride);

export class ModelOverrides {
  private cached: ModelOverride[] | null = null;

  constructor(private readonly store: Pick<SettingStore, 'getSetting' | 'setSetting'>) {}

  async list(): Promise<ModelOverride[]> {
    if (this.cached) return this.cached;
    const setting = await this.store.getSetting(OVERRIDES_SETTING);
    const parsed = OverrideList.safeParse(setting?.value ?? []);
    // A setting written by a newer version that we cannot read must not break every call.
    this.cached = parsed.success ? parsed.data : [];
    return this.cached;
  }

  /** Adds or replaces the entry for (kind, id). */
  async save(entry: ModelOverride): Promise<ModelOverride[]> {
    const others = (await this.list()).filter((o) => !(o.kind === entry.kind && o.id === entry.id));
    return this.write([...others, entry]);
  }

  async remove(kind: ProviderKind, id: string): Promise<boolean> {
    const all = await this.list();
    const kept = all.filter((o) => !(o.kind === kind && o.id === id));
    if (kept.length === all.length) return false;
    await this.write(kept);
    return true;
  }

  private async write(list: ModelOverride[]): Promise<ModelOverride[]> {
    await this.store.setSetting(OVERRIDES_SETTING, list, true);
    this.cached = list;
    return list;
  }
}
