// Adds or edits a provider. The API key is write-only: the field starts empty,
// and a saved key shows only as its hint ("•••• abcd"). "Test connection" saves
// unsaved changes first, because the core tests what it has stored.
import { useRef, useState, type FormEvent } from 'react';
import { kindInfo, PROVIDER_KINDS } from '../../src-shared/catalog/kinds';
import type { ProviderKind, ProviderView } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useProviders, useStores } from '../state/context';
import { keyHintText, validateProviderFields, type ProviderFields } from '../state/provider-form';
import { ModelSuggestions } from './ModelSuggestions';

type Status = { tone: 'info' | 'success' | 'error'; text: string } | null;
type Busy = 'save' | 'test' | 'delete' | null;

const NEW = '';

type TextField = 'name' | 'baseUrl' | 'apiKey' | 'model';

function fieldsOf(provider: ProviderView | null): ProviderFields & { kind: ProviderKind } {
  return {
    name: provider?.name ?? '',
    baseUrl: provider?.baseUrl ?? '',
    apiKey: '',
    model: provider?.model ?? '',
    kind: provider?.kind ?? 'openai-compatible',
  };
}

export function ProviderForm() {
  const { t } = useTranslation();
  const stores = useStores();
  const providers = useProviders((s) => s.providers);
  const selectedId = useProviders((s) => s.selectedId);
  const [editingId, setEditingId] = useState<string>(
    () => providers.find((p) => p.id === selectedId)?.id ?? providers[0]?.id ?? NEW,
  );
  const editing = providers.find((p) => p.id === editingId) ?? null;
  const [fields, setFields] = useState(() => fieldsOf(editing));
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState<keyof ProviderFields | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const inputs = useRef<Partial<Record<keyof ProviderFields, HTMLInputElement | null>>>({});

  const edit = (id: string) => {
    setEditingId(id);
    setFields(fieldsOf(providers.find((p) => p.id === id) ?? null));
    setDirty(false);
    setInvalid(null);
    setStatus(null);
  };

  const changeKind = (kind: ProviderKind) => {
    setFields((current) => {
      const previousDefault = kindInfo(current.kind).defaultBaseUrl ?? '';
      // A base URL the user has not changed follows the service.
      const baseUrl = !current.baseUrl || current.baseUrl === previousDefault ? (kindInfo(kind).defaultBaseUrl ?? '') : current.baseUrl;
      return { ...current, kind, baseUrl };
    });
    setDirty(true);
  };

  const change = (field: TextField, value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    setDirty(true);
    if (invalid === field) setInvalid(null);
  };

  const save = async (): Promise<ProviderView | null> => {
    if (busy) return null;
    const problem = validateProviderFields(fields);
    if (problem) {
      setInvalid(problem.field);
      setStatus({ tone: 'error', text: problem.message });
      inputs.current[problem.field]?.focus();
      return null;
    }
    setBusy('save');
    setStatus({ tone: 'info', text: t('providers.saving') });
    try {
      const saved = await stores.providers.save(editing ? editing.id : null, fields);
      setEditingId(saved.id);
      setFields(fieldsOf(saved));
      setDirty(false);
      setStatus({ tone: 'success', text: t('providers.saved', { name: saved.name }) });
      return saved;
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
      return null;
    } finally {
      setBusy(null);
    }
  };

  // Buttons stay enabled while busy (disabling them would drop keyboard focus); a second press does nothing.
  const testConnection = async () => {
    if (busy) return;
    let id = editing?.id ?? null;
    if (!id || dirty) {
      const saved = await save();
      if (!saved) return;
      id = saved.id;
    }
    setBusy('test');
    setStatus({ tone: 'info', text: t('providers.testing') });
    try {
      const result = await stores.providers.test(id);
      const reply = result.reply.trim().replace(/\s+/g, ' ');
      const quoted = reply ? ` ${t('providers.replied', { reply: reply.length > 120 ? `${reply.slice(0, 117)}…` : reply })}` : '';
      const latency = Math.round(result.latencyMs);
      setStatus({ tone: 'success', text: `${t('providers.connected', { model: result.model, ms: latency })}${quoted}` });
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!editing || busy) return;
    if (!window.confirm(t('providers.confirmDelete', { name: editing.name }))) return;
    setBusy('delete');
    try {
      await stores.providers.remove(editing.id);
      edit(NEW);
      setStatus({ tone: 'success', text: t('providers.deleted', { name: editing.name }) });
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const field = (name: TextField) => ({
    id: `provider-${name}`,
    ref: (element: HTMLInputElement | null) => {
      inputs.current[name] = element;
    },
    value: fields[name],
    onChange: (event: { target: { value: string } }) => change(name, event.target.value),
    'aria-invalid': invalid === name ? true : undefined,
    'aria-describedby': invalid === name ? 'provider-status' : undefined,
  });

  const keyHelp = editing?.key.hasKey
    ? t('providers.keySaved', { hint: keyHintText(editing.key.hint) })
    : t('providers.keyHelp');

  return (
    <form className="provider-form" onSubmit={onSubmit} noValidate aria-busy={busy !== null}>
      <h3>{t('providers.title')}</h3>
      {providers.length > 0 && (
        <div className="field">
          <label htmlFor="provider-editing">{t('providers.editing')}</label>
          <select id="provider-editing" value={editing ? editing.id : NEW} onChange={(event) => edit(event.target.value)}>
            {providers.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name} · {provider.model}
              </option>
            ))}
            <option value={NEW}>{t('providers.new')}</option>
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="provider-kind">{t('providers.kind')}</label>
        <select id="provider-kind" value={fields.kind} onChange={(event) => changeKind(event.target.value as ProviderKind)}>
          {PROVIDER_KINDS.map((info) => (
            <option key={info.kind} value={info.kind}>
              {info.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="provider-name">{t('providers.name')}</label>
        <input {...field('name')} autoComplete="off" placeholder="OpenAI" />
      </div>
      <div className="field">
        <label htmlFor="provider-baseUrl">{t('providers.baseUrl')}</label>
        <input
          {...field('baseUrl')}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={kindInfo(fields.kind).baseUrlHint}
        />
      </div>
      <div className="field">
        <label htmlFor="provider-apiKey">{t('providers.apiKey')}</label>
        <input
          {...field('apiKey')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={editing?.key.hasKey ? keyHintText(editing.key.hint) : ''}
          aria-describedby={invalid === 'apiKey' ? 'provider-status provider-key-help' : 'provider-key-help'}
        />
        <p id="provider-key-help" className="hint">
          {keyHelp}
        </p>
      </div>
      <div className="field">
        <label htmlFor="provider-model">{t('providers.model')}</label>
        <input {...field('model')} autoComplete="off" spellCheck={false} placeholder="gpt-4o-mini" list="provider-models" />
        <ModelSuggestions listId="provider-models" providerId={editing && !dirty ? editing.id : null} kind={fields.kind} model={fields.model} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('providers.save')}
        </button>
        <button type="button" onClick={() => void testConnection()}>
          {t('providers.test')}
        </button>
        {editing && (
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('providers.delete')}
          </button>
        )}
      </div>
      <p id="provider-status" className={`form-status ${status?.tone ?? ''}`} role="status">
        {status?.text}
      </p>
    </form>
  );
}
