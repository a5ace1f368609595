// Finds what the app knows about a model (the user's override first, then the
// catalog, then the catalog entry a dated or routed id stands for) and prices a call.
import type { ProviderKind, Usage } from '../domain';
import { kindInfo } from './kinds';
import { CATALOG } from './models';
import type { ModelInfo, ModelOverride, ModelPrice } from './schema';

/** A dated snapshot or alias of a catalog id: gpt-4o-2024-08-06, claude-sonnet-4-5-20250929, ...-latest. */
const VERSION_SUFFIX = /^-(\d{4}-?\d{2}-?\d{2}|latest|\d{3,4})$/;

/** OpenRouter's vendor prefixes and the kinds whose catalog prices they pass through. */
const ROUTED_VENDORS: Record<string, ProviderKind> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistralai: 'mistral',
  'x-ai': 'xai',
  deepseek: 'deepseek',
};

function exact(kind: ProviderKind, id: string, overrides: readonly ModelOverride[]): ModelInfo | null {
  const custom = overrides.find((o) => o.kind === kind && o.id === id);
  if (custom) return { ...custom, label: custom.label || custom.id, source: 'custom' };
  return CATALOG.find((entry) => entry.kind === kind && entry.id === id) ?? null;
}

function snapshotOf(kind: ProviderKind, id: string): ModelInfo | null {
  let best: ModelInfo | null = null;
  for (const entry of CATALOG) {
    if (entry.kind !== kind || !id.startsWith(entry.id) || !VERSION_SUFFIX.test(id.slice(entry.id.length))) continue;
    if (!best || entry.id.length > best.id.length) best = entry;
  }
  return best;
}

function known(kind: ProviderKind, id: string, overrides: readonly ModelOverride[]): ModelInfo | null {
  return exact(kind, id, overrides) ?? snapshotOf(kind, id);
}

function routed(id: string): ModelInfo | null {
  const slash = id.indexOf('/');
  if (slash < 0) return null;
  const kind = ROUTED_VENDORS[id.slice(0, slash)];
  if (!kind) return null;
  const model = id.slice(slash + 1).replace(/:.*$/, '');
  return known(kind, model, []) ?? (kind === 'anthropic' ? known(kind, model.replace(/\./g, '-'), []) : null);
}

/**
 * What the app knows about `id` on a provider of `kind`, or null. Local kinds
 * (Ollama, LM Studio) always answer: an unknown local model is free and assumed plain.
 */
export function findModel(kind: ProviderKind, id: string, overrides: readonly ModelOverride[] = []): ModelInfo | null {
  const found = known(kind, id, overrides);
  if (found) return found;
  const stand =
    kind === 'openrouter' ? routed(id) : kind === 'azure' || kind === 'openai-chat' ? known('openai', id, []) : null;
  if (stand) return { ...stand, kind, id, source: 'catalog' };
  if (kindInfo(kind).local) {
    return {
      id,
      kind,
      label: id,
      contextWindow: null,
      maxOutputTokens: null,
      capabilities: { vision: false, tools: false, reasoning: false },
      price: { inputPerMTok: 0, outputPerMTok: 0 },
      source: 'catalog',
    };
  }
  return null;
}

/** US dollars for a call; null when the price or every token count is unknown. */
export function costOf(usage: Usage, price: ModelPrice | null): number | null {
  if (!price || (usage.inputTokens === null && usage.outputTokens === null)) return null;
  const dollars = ((usage.inputTokens ?? 0) * price.inputPerMTok + (usage.outputTokens ?? 0) * price.outputPerMTok) / 1_000_000;
  // Micro-dollar precision keeps sums stable without hiding a cheap call's cost.
  return Math.round(dollars * 1e9) / 1e9;
}

/** The catalog for one kind, with the user's overrides merged in (theirs win), sorted by label. */
export function catalogFor(kind: ProviderKind, overrides: readonly ModelOverride[] = []): ModelInfo[] {
  const byId = new Map<string, ModelInfo>();
  for (const entry of CATALOG) if (entry.kind === kind) byId.set(entry.id, entry);
  for (const custom of overrides) if (custom.kind === kind) byId.set(custom.id, exact(kind, custom.id, overrides)!);
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}
