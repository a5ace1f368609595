// The vault status line and what the user can do about it: unlock or lock the
// passphrase key file, agree (or not) to unencrypted storage where the system
// has no keyring, move keys to another backend, check every key.
import { useState, type FormEvent } from 'react';
import type { KeyBackend } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { describeError } from '../i18n/errors';
import { useStores } from '../state/context';
import { useQuery } from '../ui/useQuery';
import { backendName } from './names';

export function VaultStatusBox({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { api, ui } = useStores();
  const status = useQuery(() => api.call('vault.status', {}), []);
  const [passphrase, setPassphrase] = useState('');
  const [target, setTarget] = useState<KeyBackend | ''>('');
  const [problems, setProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(work: () => Promise<T>, after?: (result: T) => void) => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await work();
      after?.(result);
      status.reload();
      onChanged();
    } catch (error) {
      ui.toast(userMessage(error), { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const data = status.data;

  const unlock = (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return;
    void run(
      () => api.call('vault.unlock', { passphrase }),
      () => {
        setPassphrase('');
        ui.toast(t('vault.unlocked'), { tone: 'success' });
      },
    );
  };

  return (
    <section className="vault-status" aria-labelledby="vault-title" aria-busy={busy}>
      <h3 id="vault-title">{t('vault.title')}</h3>
      {status.status === 'error' && <p className="form-status error">{status.message}</p>}
      {data && (
        <>
          <p className={`vault-line vault-${data.state}`}>
            <strong>{t('vault.keptIn', { backend: backendName(data.backend) })}</strong>{' '}
            <span className="badge">{t(`vault.states.${data.state}`)}</span> {t('vault.keyCount', { count: data.keys })}
          </p>
          <p className="hint">{data.reason}</p>
          {data.message && <p className="form-status error">{data.message}</p>}
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
          <div className="form-actions">
            {data.passphraseFile?.unlocked && (
              <button type="button" onClick={() => void run(() => api.call('vault.lock', {}))}>
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
                        ui.toast(t('vault.moved', { moved: report.moved.length, failed: report.failed.length }), {
                          tone: report.failed.length ? 'error' : 'success',
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
