// The vault status line and what the user can do about it: unlock or lock the
// passphrase key file, agree (or not) to unencrypted storage where the system
// has no keyring, move keys to another backend, check every key. The status is
// the vault store's, so an unlock anywhere shows here at once; what happened
// is said inside the dialog, where a toast would be hidden behind it.
import { useEffect, useState, type FormEvent } from 'react';
import type { KeyBackend } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { describeError } from '../i18n/errors';
import { useStores, useVault } from '../state/context';
import { backendName } from './names';
import { describeVaultReason } from './vault-reason';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

export function VaultStatusBox({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { api, vault } = useStores();
  const data = useVault((s) => s.status);
  const loadError = useVault((s) => s.error);
  const [passphrase, setPassphrase] = useState('');
  const [target, setTarget] = useState<KeyBackend | ''>('');
  const [problems, setProblems] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void vault.refresh();
  }, [vault]);

  const run = async <T,>(work: () => Promise<T>, after?: (result: T) => void) => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await work();
      after?.(result);
      await vault.refresh();
      onChanged();
    } catch (error) {
      setOutcome({ tone: 'error', text: userMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const unlock = (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return;
    void run(
      () => vault.unlock(passphrase),
      () => {
        setPassphrase('');
        setOutcome({ tone: 'success', text: t('vault.unlocked') });
      },
    );
  };

  return (
    <section className="vault-status" aria-labelledby="vault-title" aria-busy={busy}>
      <h3 id="vault-title">{t('vault.title')}</h3>
      {!data && loadError && <p className="form-status error">{loadError}</p>}
      {data && (
        <>
          <p className={`vault-line vault-${data.state}`}>
            <strong>{t('vault.keptIn', { backend: backendName(data.backend) })}</strong>{' '}
            <span className="badge">{t(`vault.states.${data.state}`)}</span> {t('vault.keyCount', { count: data.keys })}
          </p>
          <p className="hint">{describeVaultReason(data.reason)}</p>
          {data.problem && <p className="form-status error">{describeError(data.problem)}</p>}
          {data.unreadable.length > 0 && (
            <ul className="problems" aria-label={t('vault.unreadable')}>
              {data.unreadable.map((problem) => (
                <li key={`${problem.provider}:${problem.label}`}>
                  {problem.providerName ?? problem.provider} · {problem.label}: {describeError(problem.error)}
                </li>
              ))}
            </ul>
          )}
          {data.passphraseFile && !data.passphraseFile.unlocked && (
            <form className="inline-form" onSubmit={unlock}>
              <div className="field">
                <label htmlFor="vault-passphrase">
                  {data.passphraseFile.exists ? t('vault.passphrase') : t('vault.newPassphrase')}
                </label>
                <input
                  id="vault-passphrase"
                  type="password"
                  autoComplete={data.passphraseFile.exists ? 'current-password' : 'new-password'}
                  value={passphrase}
                  onChange={(event) => setPassphrase(event.target.value)}
                />
              </div>
              <div className="form-actions">
                <button type="submit" className="primary">
                  {data.passphraseFile.exists ? t('vault.unlock') : t('vault.create')}
                </button>
              </div>
            </form>
          )}
          {outcome && (
            <p className={`form-status ${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'}>
              {outcome.text}
            </p>
          )}
          <div className="form-actions">
            {data.passphraseFile?.unlocked && (
              <button type="button" onClick={() => void run(() => vault.lock())}>
                {t('vault.lock')}
              </button>
            )}
            <button
              type="button"
              onClick={() =>
                void run(
                  () => api.call('vault.verify', {}),
                  (checks) => setProblems(checks.filter((c) => !c.ok).map((c) => `${c.providerName ?? c.provider} · ${c.label}: ${c.error ? describeError(c.error) : ''}`)),
                )
              }
            >
              {t('vault.verify')}
            </button>
          </div>
          {problems && (
            <p role="status" className={problems.length ? 'form-status error' : 'form-status success'}>
              {problems.length ? problems.join(' ') : t('vault.allReadable')}
            </p>
          )}
          {data.plaintext.applies && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={data.plaintext.consent}
                onChange={(event) => void run(() => api.call('vault.setPlaintextConsent', { consent: event.target.checked }))}
              />
              {t('vault.plaintextConsent')}
            </label>
          )}
          {data.backends.length > 1 && (
            <div className="inline-form">
              <div className="field">
                <label htmlFor="vault-move">{t('vault.moveTo')}</label>
                <select id="vault-move" value={target} onChange={(event) => setTarget(event.target.value as KeyBackend | '')}>
                  <option value="">{t('vault.chooseBackend')}</option>
                  {data.backends
                    .filter((b) => b.backend !== data.backend)
                    .map((b) => (
                      <option key={b.backend} value={b.backend} disabled={b.state !== 'ready'}>
                        {backendName(b.backend)} ({t(`vault.states.${b.state}`)})
                      </option>
                    ))}
                </select>
              </div>
              <div className="form-actions">
                <button
                  type="button"
                  onClick={() =>
                    target &&
                    void run(
                      () => api.call('vault.migrate', { to: target }),
                      (report) =>
                        setOutcome({
                          tone: report.failed.length ? 'error' : 'success',
                          text: t('vault.moved', { moved: report.moved.length, failed: report.failed.length }),
                        }),
                    )
                  }
                >
                  {t('vault.move')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
