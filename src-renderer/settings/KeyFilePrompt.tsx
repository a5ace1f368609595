// The key file's passphrase, asked in place by whatever needs it (saving a key,
// testing with a saved key, sending a message): create the file on the first
// run, unlock it after each start, then carry on. It sits inside other forms,
// so it is a group whose Enter key submits, not a form of its own.
import { useId, useState, type KeyboardEvent } from 'react';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useStores, useVault } from '../state/context';
import { keyFileStep, type KeyFileStep } from '../state/vault-store';
import './key-file-prompt.css';

export interface KeyFilePromptProps {
  step: KeyFileStep;
  /** Why the last passphrase failed (wrong, too short); shown here, where the user is looking. */
  error: string | null;
  busy: boolean;
  onSubmit: (passphrase: string) => void;
  onCancel: () => void;
}

export function KeyFilePrompt({ step, error, busy, onSubmit, onCancel }: KeyFilePromptProps) {
  const { t } = useTranslation();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const submit = () => {
    if (passphrase && !busy) onSubmit(passphrase);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    submit();
  };
  return (
    <div className="key-file-prompt" role="group" aria-labelledby={`${id}-lead`} aria-busy={busy}>
      <p id={`${id}-lead`}>{t(step === 'create' ? 'keyFile.createLead' : 'keyFile.unlockLead')}</p>
      <div className="field">
        <label htmlFor={`${id}-passphrase`}>{t(step === 'create' ? 'vault.newPassphrase' : 'vault.passphrase')}</label>
        <input
          id={`${id}-passphrase`}
          type="password"
          autoFocus
          autoComplete={step === 'create' ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="form-status error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={submit}>
          {t(step === 'create' ? 'keyFile.createAndContinue' : 'keyFile.unlockAndContinue')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Opens Settings → Keys and vault, where every vault problem can be fixed. */
export function OpenVaultButton() {
  const { t } = useTranslation();
  const { settings } = useStores();
  return (
    <button type="button" className="small" onClick={() => settings.open('keys')}>
      {t('keyFile.openVault')}
    </button>
  );
}

/**
 * For a call the vault refused because it is locked: the key file's passphrase in
 * place (then `onUnlocked`), or, for a locked keychain, what to do and the way to
 * Settings → Keys and vault.
 */
export function UnlockInPlace({ onUnlocked, onCancel }: { onUnlocked: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { vault } = useStores();
  const step = useVault((s) => keyFileStep(s.status));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!step) {
    return (
      <div className="key-file-prompt" role="alert">
        <p>{t('keyFile.lockedElsewhere')}</p>
        <div className="form-actions">
          <OpenVaultButton />
          <button type="button" className="small" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    );
  }
  const unlock = async (passphrase: string) => {
    setBusy(true);
    try {
      await vault.unlock(passphrase);
      setError(null);
      onUnlocked();
    } catch (failure) {
      setError(userMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return <KeyFilePrompt step={step} error={error} busy={busy} onSubmit={(passphrase) => void unlock(passphrase)} onCancel={onCancel} />;
}
