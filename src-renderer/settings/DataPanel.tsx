// Your data: settings export and import (keys only inside an encrypted export),
// local backups, and conversations in and out.
import { useRef, useState, type FormEvent } from 'react';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useStores } from '../state/context';
import { BackupsSection } from './BackupsSection';
import { TransferSection } from './TransferSection';
import { saveFile } from './save-file';

export function DataPanel() {
  return (
    <div className="settings-panel">
      <SettingsTransfer />
      <BackupsSection />
      <TransferSection />
    </div>
  );
}

function SettingsTransfer() {
  const { t } = useTranslation();
  const { api, ui } = useStores();
  const [passphrase, setPassphrase] = useState('');
  const [importPassphrase, setImportPassphrase] = useState('');
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const exportSettings = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api.call('settings.export', passphrase ? { passphrase } : {});
      saveFile(result.fileName, new Blob([result.content], { type: 'application/json' }));
      setStatus({ tone: 'success', text: result.includesKeys ? t('data.exportedWithKeys', { count: result.keys }) : t('data.exported') });
      setPassphrase('');
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  const importSettings = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setStatus({ tone: 'error', text: t('data.chooseFile') });
      return;
    }
    try {
      const content = await chosen.text();
      const result = await api.call('settings.import', { content, ...(importPassphrase ? { passphrase: importPassphrase } : {}) });
      const text = t('data.imported', { providers: result.providers, settings: result.settings, keys: result.keys });
      setStatus({ tone: 'success', text: result.keysLeftOut ? `${text} ${t('data.keysLeftOut', { count: result.keysLeftOut })}` : text });
      ui.toast(text, { tone: 'success' });
      setImportPassphrase('');
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  return (
    <section aria-labelledby="data-settings-title">
      <h3 id="data-settings-title">{t('data.settingsTitle')}</h3>
      <form className="inline-form" onSubmit={(event) => void exportSettings(event)}>
        <div className="field">
          <label htmlFor="export-passphrase">{t('data.exportPassphrase')}</label>
          <input id="export-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
          <p className="hint">{t('data.exportPassphraseHint')}</p>
        </div>
        <div className="form-actions">
          <button type="submit">{t('data.exportSettings')}</button>
        </div>
      </form>
      <form className="inline-form" onSubmit={(event) => void importSettings(event)}>
        <div className="field">
          <label htmlFor="import-file">{t('data.importFile')}</label>
          <input id="import-file" type="file" accept="application/json,.json" ref={file} />
        </div>
        <div className="field">
          <label htmlFor="import-passphrase">{t('data.importPassphrase')}</label>
          <input id="import-passphrase" type="password" autoComplete="current-password" value={importPassphrase} onChange={(event) => setImportPassphrase(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit">{t('data.importSettings')}</button>
        </div>
      </form>
      <p role="status" className={`form-status ${status?.tone ?? ''}`}>
        {status?.text}
      </p>
    </section>
  );
}
