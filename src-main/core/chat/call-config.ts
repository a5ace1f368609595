// Decides how one reply is made: which provider and model, which parameters and
// system prompt, from the explicit choice, the persona and the conversation's
// remembered settings (in that order of precedence).
import { AppError } from '../../../src-shared/api/errors';
import { findModel, type ModelInfo } from '../../../src-shared/catalog';
import type { ProviderConfig } from '../../../src-shared/domain';
import type { ConversationDetails, ModelSettings } from '../../../src-shared/entities/library';
import type { Persona } from '../../../src-shared/entities/personas';
import type { ProviderSettings } from '../../../src-shared/entities/provider-settings';
import type { GenerationParams } from '../providers';
import type { PersonaStore, ProviderStore } from '../store';
import type { ModelOverrides } from './model-overrides';

export interface CallChoice {
  providerId?: string | null;
  model?: string | null;
  personaId?: string | null;
  /** One-off parameters for this call; they win over the persona's and the conversation's. */
  settings?: ModelSettings;
}

export interface ResolvedCall {
  provider: ProviderConfig;
  settings: ProviderSettings;
  model: string;
  params: GenerationParams;
  systemPrompt: string | null;
  persona: Persona | null;
  /** What the catalog knows of the model (price, reasoning), or null. */
  info: ModelInfo | null;
}

export interface ResolveDeps {
  store: Pick<ProviderStore, 'getProvider' | 'getProviderSettings'> & Pick<PersonaStore, 'listPersonas'>;
  overrides: ModelOverrides;
}

function paramsOf(...layers: (ModelSettings | undefined)[]): GenerationParams {
  const params: GenerationParams = {};
  for (const layer of layers) {
    if (layer?.temperature !== undefined) params.temperature = layer.temperature;
    if (layer?.topP !== undefined) params.topP = layer.topP;
    if (layer?.maxOutputTokens !== undefined) params.maxOutputTokens = layer.maxOutputTokens;
  }
  return params;
}

export async function findPersona(store: ResolveDeps['store'], id: string): Promise<Persona> {
  const persona = (await store.listPersonas()).find((p) => p.id === id);
  if (!persona) throw new AppError('persona.missing', 'That persona no longer exists. Choose another one.');
  return persona;
}

export async function resolveCall(deps: ResolveDeps, choice: CallChoice, conversation: ConversationDetails | null = null): Promise<ResolvedCall> {
  const personaId = choice.personaId !== undefined ? choice.personaId : (conversation?.personaId ?? null);
  const persona = personaId ? await findPersona(deps.store, personaId) : null;
  const remembered = conversation?.settings;
  const providerId = choice.providerId ?? persona?.settings.providerId ?? remembered?.providerId ?? null;
  if (!providerId) throw new AppError('provider.none', 'Choose a provider for this reply (add one in Providers first).');
  const provider = await deps.store.getProvider(providerId);
  if (!provider) {
    throw new AppError('provider.missing', 'That provider no longer exists. Choose another one or add it again in Providers.');
  }
  // A remembered model only applies to the provider it was chosen for.
  const modelFrom = (settings: ModelSettings | undefined) =>
    settings?.model && (!settings.providerId || settings.providerId === provider.id) ? settings.model : null;
  // A persona picked for this call beats the conversation's settings; the conversation's own persona does not.
  const personaLayer: ModelSettings = { ...persona?.settings, ...(persona?.systemPrompt && { systemPrompt: persona.systemPrompt }) };
  const layers = choice.personaId !== undefined ? [remembered, personaLayer, choice.settings] : [personaLayer, remembered, choice.settings];
  const winner = <T,>(pick: (settings: ModelSettings) => T | null | undefined): T | null =>
    layers.reduce<T | null>((found, layer) => (layer ? (pick(layer) ?? found) : found), null);
  const model = choice.model || winner(modelFrom) || provider.model;
  const systemPrompt = winner((settings) => settings.systemPrompt || null);
  return {
    provider,
    settings: await deps.store.getProviderSettings(provider.id),
    model,
    params: paramsOf(...layers),
    systemPrompt,
    persona,
    info: findModel(provider.kind, model, await deps.overrides.list()),
  };
}
