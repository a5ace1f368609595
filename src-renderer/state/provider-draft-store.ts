// The provider form's draft: what the user typed, which provider it edits, and
// what the form says. It lives here rather than in the form, so switching
// settings tabs (or closing the dialog) keeps a half-filled form. "Test
// connection" tests the draft as typed and saves nothing; saving files the
// draft once and then edits that provider, so a second save never adds a twin.
// When the key must go into a key file that is missing or locked, the form asks
// for the passphrase in place, then carries on with what the user asked for.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { kindInfo } from '../../src-shared/catalog/kinds';
import type { ProviderKind, ProviderView } from '../../src-shared/domain';
import { errorCode, userMessage } from '../api/errors';
import { t } from '../i18n';
import { validateProviderFields, type ProviderFields } from './provider-form';
import type { ProvidersStore } from './providers-store';
import type { KeyFileStep, VaultStore } from './vault-store';

export type DraftFields = ProviderFields & { kind: ProviderKind };
export type DraftAction = 'save' | 'test';

export interface FormNote {
  tone: 'info' | 'success' | 'error';
  text: string;
  /** The vault refused: the note offers to open Settings → Keys and vault. */
  vault?: boolean;
}

export interface ProviderDraftState {
  /** False until the form first opens and picks what to edit. */
  started: boolean;
  /** The saved provider being edited; null for a new one. */
  editingId: string | null;
  fields: DraftFields;
  dirty: boolean;
  invalid: keyof ProviderFields | null;
  note: FormNote | null;
  busy: DraftAction | 'delete' | 'unlock' | null;
  /** The key file must be created or unlocked before `then` can go on; `error` is why the last passphrase failed. */
  keyFile: { step: KeyFileStep; then: DraftAction; error: string | null } | null;
}

export function fieldsOf(provider: ProviderView | null): DraftFields {
  return {
    name: provider?.name ?? '',
    baseUrl: provider?.baseUrl ?? '',
    apiKey: '',
    model: provider?.model ?? '',
    kind: provider?.kind ?? 'openai-compatible',
  };
}

const IDLE = { dirty: false, invalid: null, note: null, busy: null, keyFile: null } as const;

export class ProviderDraftStore {
  readonly store: StoreApi<ProviderDraftState>;

  constructor(
    private readonly providers: ProvidersStore,
    private readonly vault: VaultStore,
  ) {
    this.store = createStore<ProviderDraftState>()(() => ({ started: false, editingId: null, fields: fieldsOf(null), ...IDLE }));
  }

  get state(): ProviderDraftState {
    return this.store.getState();
  }

  /** When the form opens: the first time, edit the chosen provider; later, keep the draft unless its provider is gone. */
  begin(): void {
    const { providers, selectedId } = this.providers.state;
    const { started, editingId } = this.state;
    if (!started) {
      const chosen = providers.find((p) => p.id === selectedId) ?? providers[0] ?? null;
      this.edit(chosen?.id ?? null);
    } else if (editingId !== null && !providers.some((p) => p.id === editingId)) {
      this.edit(null);
    }
  }

  edit(id: string | null): void {
    const provider = this.providers.state.providers.find((p) => p.id === id) ?? null;
    this.store.setState({ started: true, editingId: provider?.id ?? null, fields: fieldsOf(provider), ...IDLE });
  }

  change(field: Exclude<keyof ProviderFields, 'kind'>, value: string): void {
    this.store.setState((s) => ({ fields: { ...s.fields, [field]: value }, dirty: true, invalid: s.invalid === field ? null : s.invalid }));
  }

  /** A base URL the user has not changed follows the service. */
  changeKind(kind: ProviderKind): void {
    this.store.setState((s) => {
      const previousDefault = kindInfo(s.fields.kind).defaultBaseUrl ?? '';
      const untouched = !s.fields.baseUrl || s.fields.baseUrl === previousDefault;
      return { fields: { ...s.fields, kind, baseUrl: untouched ? (kindInfo(kind).defaultBaseUrl ?? '') : s.fields.baseUrl }, dirty: true };
    });
  }

  /** Saves the draft (a new provider once, then that one); null when it was not saved, with the reason in `note`. */
  async save(): Promise<ProviderView | null> {
    if (this.state.busy || !this.valid()) return null;
    const { editingId, fields } = this.state;
    if (fields.apiKey.trim() && (await this.askForKeyFile('save'))) return null;
    this.store.setState({ busy: 'save', note: { tone: 'info', text: t('providers.saving') } });
    try {
      const saved = await this.providers.save(editingId, fields);
      this.store.setState({ editingId: saved.id, fields: fieldsOf(saved), ...IDLE, note: { tone: 'success', text: t('providers.saved', { name: saved.name }) } });
      return saved;
    } catch (error) {
      this.store.setState({ busy: null });
      await this.refused(error, 'save');
      return null;
    }
  }

  /** Tests the draft as typed (its key, else the saved provider's) and saves nothing. */
  async test(): Promise<void> {
    if (this.state.busy || !this.valid()) return;
    const { editingId, fields } = this.state;
    this.store.setState({ busy: 'test', note: { tone: 'info', text: t('providers.testing') } });
    try {
      const result = await this.providers.test(editingId, fields);
      const reply = result.reply.trim().replace(/\s+/g, ' ');
      const quoted = reply ? ` ${t('providers.replied', { reply: reply.length > 120 ? `${reply.slice(0, 117)}…` : reply })}` : '';
      const text = `${t('providers.connected', { model: result.model, ms: Math.round(result.latencyMs) })}${quoted}`;
      this.store.setState({ busy: null, note: { tone: 'success', text } });
    } catch (error) {
      this.store.setState({ busy: null });
      await this.refused(error, 'test');
    }
  }

  /** Creates or unlocks the key file with `passphrase`, then goes on with the save or test that needed it. */
  async unlockKeyFile(passphrase: string): Promise<void> {
    const { keyFile, busy } = this.state;
    if (!keyFile || busy) return;
    this.store.setState({ busy: 'unlock' });
    try {
      await this.vault.unlock(passphrase);
    } catch (error) {
      this.store.setState({ busy: null, keyFile: { ...keyFile, error: userMessage(error) } });
      return;
    }
    this.store.setState({ busy: null, keyFile: null, note: null });
    if (keyFile.then === 'save') await this.save();
    else await this.test();
  }

  cancelKeyFile(): void {
    this.store.setState({ keyFile: null, note: null });
  }

  async remove(): Promise<void> {
    const { editingId, busy } = this.state;
    const editing = this.providers.state.providers.find((p) => p.id === editingId);
    if (!editing || busy) return;
    this.store.setState({ busy: 'delete' });
    try {
      await this.providers.remove(editing.id);
      this.edit(null);
      this.store.setState({ note: { tone: 'success', text: t('providers.deleted', { name: editing.name }) } });
    } catch (error) {
      this.store.setState({ busy: null, note: { tone: 'error', text: userMessage(error) } });
    }
  }

  private valid(): boolean {
    const problem = validateProviderFields(this.state.fields);
    if (problem) this.store.setState({ invalid: problem.field, note: { tone: 'error', text: problem.message } });
    return problem === null;
  }

  /** Asks for the key file's passphrase in place when it must be created or unlocked first; true when it asked. */
  private async askForKeyFile(then: DraftAction): Promise<boolean> {
    const step = await this.vault.pendingStep();
    if (!step) return false;
    this.store.setState({ keyFile: { step, then, error: null }, note: null });
    return true;
  }

  private async refused(error: unknown, then: DraftAction): Promise<void> {
    const code = errorCode(error) ?? '';
    if (code === 'vault.locked' && (await this.askForKeyFile(then))) return;
    this.store.setState({ note: { tone: 'error', text: userMessage(error), vault: code.startsWith('vault.') } });
  }
}
