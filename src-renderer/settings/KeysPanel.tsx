// API keys and the vault: where keys are kept and whether that store is ready
// (locked, needs a passphrase, needs consent), every key by provider with its
// hint and backend, and add, replace, make default, delete. Keys go in, never
// come back: the renderer only ever sees hints. A key for a key file that is
// missing or locked asks for its passphrase in place, then is saved. What
// happened is said inside the dialog, where a toast would be hidden behind it.
import { useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useProviders, useStores } from '../state/context';
import { keyHintText } from '../state/provider-form';
import type { KeyFileStep } from '../state/vault-store';
import { useQuery } from '../ui/useQuery';
import { KeyFilePrompt } from './KeyFilePrompt';
import { backendName } from './names';
import { VaultStatusBox } from './VaultStatusBox';

type Outcome = { tone: 'success' | 'error'; text: string } | null;
type NewKey = { provider: string; label: string; key: string };

export function KeysPanel() {
  const { t } = useTranslation();
  const { api, vault } = useStores();
  const providers = useProviders((s) => s.providers);
  const keys = useQuery(() => api.call('vault.list', {}), []);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [waiting, setWaiting] = useState<{ step: KeyFileStep; entry: NewKey; error: string | null } | null>(null);

  const nameOf = (provider: string) => providers.find((p) => p.id === provider)?.name ?? provider;

  const act = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setOutcome(null);
    try {
      await work();
      setOutcome({ tone: 'success', text: done });
      keys.reload();
      return true;
    } catch (error) {
      setOutcome({ tone: 'error', text: userMessage(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const saveKey = ({ provider, label, key }: NewKey) =>
    act(() => api.call('vault.setKey', { provider, key, ...(label ? { label } : {}) }), t('keys.savedKey', { provider: nameOf(provider) }));

  /** Asks for the key file's passphrase first when it must be created or unlocked. */
  const addKey = async (entry: NewKey): Promise<boolean> => {
    const step = await vault.pendingStep();
    if (!step) return saveKey(entry);
    setWaiting({ step, entry, error: null });
    return true;
  };

  const unlockThenSave = async (passphrase: string) => {
    if (!waiting || busy) return;
    setBusy(true);
    try {
      await vault.unlock(passphrase);
    } catch (error) {
      setWaiting({ ...waiting, error: userMessage(error) });
      return;
    } finally {
      setBusy(false);
    }
    setWaiting(null);
    await saveKey(waiting.entry);
  };

  const rows = (keys.status === 'ready' || keys.status === 'loading' ? (keys.data ?? []) : []).filter((k) => k.hasKey);

  return (
    <div className="settings-panel" aria-busy={busy || keys.status === 'loading'}>
      <VaultStatusBox onChanged={() => keys.reload()} />
      {outcome && (
        <p className={`form-status ${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
      <h3>{t('keys.title')}</h3>
      {keys.status === 'error' && <p className="form-status error">{keys.message}</p>}
      {rows.length === 0 && keys.status === 'ready' && <p className="hint">{t('keys.none')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('keys.title')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('keys.provider')}</th>
                <th scope="col">{t('keys.label')}</th>
                <th scope="col">{t('keys.hint')}</th>
                <th scope="col">{t('keys.backend')}</th>
                <th scope="col">{t('keys.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((key) => (
                <KeyRow
                  key={`${key.provider}:${key.label ?? 'default'}`}
                  entry={key}
                  providerName={nameOf(key.provider)}
                  onDefault={() =>
                    void act(
                      () => api.call('vault.setDefault', { provider: key.provider, label: key.label ?? 'default' }),
                      t('keys.madeDefault', { label: key.label ?? 'default' }),
                    )
                  }
                  onDelete={() => {
                    if (!window.confirm(t('keys.confirmDelete', { label: key.label ?? 'default', provider: nameOf(key.provider) }))) return;
                    void act(
                      () => api.call('vault.deleteKey', { provider: key.provider, ...(key.label ? { label: key.label } : {}) }),
                      t('keys.deletedKey'),
                    );
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddKeyForm providers={providers.map((p) => ({ id: p.id, name: p.name }))} onAdd={(provider, label, key) => addKey({ provider, label, key })} />
      {waiting && (
        <KeyFilePrompt
          step={waiting.step}
          error={waiting.error}
          busy={busy}
          onSubmit={(passphrase) => void unlockThenSave(passphrase)}
          onCancel={() => setWaiting(null)}
        />
      )}
    </div>
  );
}

function KeyRow({
  entry,
  providerName,
  onDefault,
  onDelete,
}: {
  entry: KeyStatus;
  providerName: string;
  onDefault: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const label = entry.label ?? 'default';
  return (
    <tr>
      <td>{providerName}</td>
      <td>
        {label}
        {entry.isDefault && <span className="badge">{t('keys.default')}</span>}
      </td>
      <td>
        <code>{keyHintText(entry.hint)}</code>
      </td>
      <td>
        {backendName(entry.backend)}
        {entry.problem && <p className="form-status error">{entry.problem.message}</p>}
      </td>
      <td className="row-actions">
        {!entry.isDefault && (
          <button type="button" className="small" onClick={onDefault} aria-label={t('keys.makeDefaultFor', { label, provider: providerName })}>
            {t('keys.makeDefault')}
          </button>
        )}
        <button type="button" className="small danger" onClick={onDelete} aria-label={t('keys.deleteFor', { label, provider: providerName })}>
          {t('keys.delete')}
        </button>
      </td>
    </tr>
  );
}

function AddKeyForm({
  providers,
  onAdd,
}: {
  providers: { id: string; name: string }[];
  /** Resolves false when the key was not saved, so the form keeps it. */
  onAdd: (provider: string, label: string, key: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [provider, setProvider] = useState(providers[0]?.id ?? '');
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  if (providers.length === 0) return <p className="hint">{t('keys.addProviderFirst')}</p>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!key.trim()) return;
    if (!(await onAdd(provider || providers[0]!.id, label.trim(), key.trim()))) return;
    setKey('');
    setLabel('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <h3>{t('keys.addTitle')}</h3>
      <div className="field">
        <label htmlFor="key-provider">{t('keys.forProvider')}</label>
        <select id="key-provider" value={provider} onChange={(event) => setProvider(event.target.value)}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="key-label">{t('keys.labelField')}</label>
        <input id="key-label" value={label} placeholder="default" autoComplete="off" onChange={(event) => setLabel(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="key-secret">{t('keys.secret')}</label>
        <input id="key-secret" type="password" value={key} autoComplete="off" spellCheck={false} onChange={(event) => setKey(event.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('keys.add')}
        </button>
      </div>
    </form>
  );
}
