// Adds or edits a provider. The draft lives in the providerDraft store, so
// switching tabs keeps what was typed. The API key is write-only: the field
// starts empty, and a saved key shows only as its hint ("•••• abcd"). "Test
// connection" tests the form as typed and saves nothing. When the key needs a
// key file that is missing or locked, its passphrase is asked right here.
import { useEffect, useRef, type FormEvent } from 'react';
import { kindInfo, PROVIDER_KINDS } from '../../src-shared/catalog/kinds';
import type { ProviderKind } from '../../src-shared/domain';
import { useTranslation } from '../i18n';
import { useProviderDraft, useProviders, useStores } from '../state/context';
import { keyHintText, type ProviderFields } from '../state/provider-form';
import { KeyFilePrompt, OpenVaultButton } from './KeyFilePrompt';
import { KeyStorageNote } from './KeyStorageNote';
import { ModelSuggestions } from './ModelSuggestions';

const NEW = '';

type TextField = 'name' | 'baseUrl' | 'apiKey' | 'model';

export function ProviderForm() {
  const { t } = useTranslation();
  const { providerDraft: draft } = useStores();
  const providers = useProviders((s) => s.providers);
  const editingId = useProviderDraft((s) => s.editingId);
  const fields = useProviderDraft((s) => s.fields);
  const dirty = useProviderDraft((s) => s.dirty);
  const invalid = useProviderDraft((s) => s.invalid);
  const note = useProviderDraft((s) => s.note);
  const busy = useProviderDraft((s) => s.busy);
  const keyFile = useProviderDraft((s) => s.keyFile);
  const inputs = useRef<Partial<Record<keyof ProviderFields, HTMLInputElement | null>>>({});
  const editing = providers.find((p) => p.id === editingId) ?? null;

  useEffect(() => draft.begin(), [draft, providers]);

  // A field the last save or test found wrong takes focus.
  useEffect(() => {
    if (invalid) inputs.current[invalid]?.focus();
  }, [invalid]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void draft.save();
  };

  const remove = () => {
    if (editing && window.confirm(t('providers.confirmDelete', { name: editing.name }))) void draft.remove();
  };

  const field = (name: TextField) => ({
    id: `provider-${name}`,
    ref: (element: HTMLInputElement | null) => {
      inputs.current[name] = element;
    },
    value: fields[name],
    onChange: (event: { target: { value: string } }) => draft.change(name, event.target.value),
    'aria-invalid': invalid === name ? true : undefined,
    'aria-describedby': invalid === name ? 'provider-status' : undefined,
  });

  return (
    <form className="provider-form" onSubmit={onSubmit} noValidate aria-busy={busy !== null}>
      <h3>{t('providers.title')}</h3>
      {providers.length > 0 && (
        <div className="field">
          <label htmlFor="provider-editing">{t('providers.editing')}</label>
          <select id="provider-editing" value={editing ? editing.id : NEW} onChange={(event) => draft.edit(event.target.value || null)}>
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
        <select id="provider-kind" value={fields.kind} onChange={(event) => draft.changeKind(event.target.value as ProviderKind)}>
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
          {editing?.key.hasKey ? t('providers.keySaved', { hint: keyHintText(editing.key.hint) }) : <KeyStorageNote context="form" />}
        </p>
      </div>
      <div className="field">
        <label htmlFor="provider-model">{t('providers.model')}</label>
        <input {...field('model')} autoComplete="off" spellCheck={false} placeholder="gpt-4o-mini" list="provider-models" />
        <ModelSuggestions listId="provider-models" providerId={editing && !dirty ? editing.id : null} kind={fields.kind} model={fields.model} />
      </div>
      {keyFile && (
        <KeyFilePrompt
          step={keyFile.step}
          error={keyFile.error}
          busy={busy === 'unlock'}
          onSubmit={(passphrase) => void draft.unlockKeyFile(passphrase)}
          onCancel={() => draft.cancelKeyFile()}
        />
      )}
      {/* Buttons stay enabled while busy (disabling them would drop keyboard focus); a second press does nothing. */}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('providers.save')}
        </button>
        <button type="button" onClick={() => void draft.test()}>
          {t('providers.test')}
        </button>
        {editing && (
          <button type="button" className="danger" onClick={remove}>
            {t('providers.delete')}
          </button>
        )}
      </div>
      <p id="provider-status" className={`form-status ${note?.tone ?? ''}`} role="status">
        {note?.text}
      </p>
      {note?.vault && <OpenVaultButton />}
    </form>
  );
}
