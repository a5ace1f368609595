// Conversations in and out: import a ChatGPT or Claude export or our own JSON,
// export one conversation or everything as Markdown or JSON, each with a progress
// bar and Cancel. The core takes no path from the page, only a grant for a file the
// user chose (api/host-files.ts): in the desktop app the system's dialogs; in the
// browser a picked file sent to the host, a download, or a path typed inside the
// host's allowed folders. The page shows the file's name, never needs its path.
import { useEffect, useState, type FormEvent } from 'react';
import type { ImportFormat, ExportFormat, TransferProgress } from '../../src-shared/entities/transfer';
import {
  chooseExportFile,
  chooseImportFile,
  ChosenFileError,
  downloadExport,
  grantTypedPath,
  hasFileDialogs,
  onBrowserHost,
  uploadChosenFile,
  type ChosenFile,
} from '../api/host-files';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useStores } from '../state/context';
import { describeImportNote } from './import-notes';
import { saveFile } from './save-file';

type Job = { kind: 'import' | 'export'; jobId: string; progress: TransferProgress | null } | null;

export function TransferSection() {
  const { t } = useTranslation();
  const { api, ui, conversations } = useStores();
  const [importPath, setImportPath] = useState('');
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [exportPath, setExportPath] = useState('');
  const [exportFormat, setExportFormat] = useState<ExportFormat>('markdown');
  const [job, setJob] = useState<Job>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  /** How much of a chosen file has been handed to the app (0 to 1), while it is. */
  const [sending, setSending] = useState<number | null>(null);
  const dialogs = hasFileDialogs();
  const browserHost = onBrowserHost();

  const jobId = job?.jobId;
  useEffect(() => {
    if (!jobId) return;
    return api.on('transfer.progress', (progress) =>
      setJob((current) => (current && current.jobId === progress.jobId ? { ...current, progress } : current)),
    );
  }, [api, jobId]);

  /** A file that could not be handed over, in the app's words (a coded error) or the renderer's own. */
  const handOverFailed = (error: unknown, fallback: string) => (error instanceof ChosenFileError && error.appError ? userMessage(error.appError) : fallback);

  /** One import or export at a time, with its progress; the sentence `work` returns is shown and toasted. */
  const runJob = async (kind: 'import' | 'export', work: (jobId: string) => Promise<string>, failure: (error: unknown) => string = userMessage) => {
    if (job) return;
    const jobId = crypto.randomUUID();
    setJob({ kind, jobId, progress: null });
    setResult(null);
    try {
      const text = await work(jobId);
      setResult({ tone: 'success', text });
      ui.toast(text, { tone: 'success' });
    } catch (error) {
      setResult({ tone: 'error', text: failure(error) });
    } finally {
      setJob(null);
    }
  };

  const importFrom = (file: ChosenFile) =>
    runJob('import', async (jobId) => {
      const summary = await api.call('transfer.import', { jobId, file: { grant: file.grant }, format });
      // The sidebar lists what came in.
      void conversations.refresh();
      const done = t('transfer.importedSummary', { imported: summary.imported, skipped: summary.skipped, messages: summary.messages });
      // What the file had that has no place here (a tool call, a message from an unknown sender).
      return summary.notes.length > 0 ? `${done} ${t('transfer.leftOut', { notes: summary.notes.map(describeImportNote).join(' ') })}` : done;
    });

  const exportTo = (file: ChosenFile, replace = false) =>
    runJob('export', async (jobId) => {
      const summary = await api.call('transfer.export', { jobId, file: { grant: file.grant }, format: exportFormat, replace });
      const done = t('transfer.exportedSummary', { conversations: summary.conversations, messages: summary.messages });
      return `${done} ${t('transfer.savedAs', { name: file.name })}`;
    });

  /** A path typed on the browser host: granted by the host (inside its allowed folders), then used. */
  const typed = async (path: string, access: 'read' | 'write', use: (file: ChosenFile) => Promise<void>) => {
    if (job) return;
    let file: ChosenFile;
    try {
      file = await grantTypedPath(path, access);
    } catch (error) {
      setResult({ tone: 'error', text: handOverFailed(error, t('transfer.sendFailed')) });
      return;
    }
    await use(file);
  };

  /** The browser host's export as a download: the same job and progress, then the browser saves the file. */
  const download = () =>
    runJob(
      'export',
      async (jobId) => {
        const done = await downloadExport({ jobId, format: exportFormat });
        saveFile(done.fileName, done.content);
        return t('transfer.exportedSummary', { conversations: done.conversations, messages: done.messages });
      },
      (error) => handOverFailed(error, t('transfer.downloadFailed')),
    );

  /** The desktop app: a system dialog says which file, then the job runs on the grant it gave. */
  const fromDialog = async (choose: () => Promise<ChosenFile | null>, use: (file: ChosenFile) => Promise<void>) => {
    if (job) return;
    let file: ChosenFile | null;
    try {
      file = await choose();
    } catch (error) {
      setResult({ tone: 'error', text: userMessage(error) });
      return;
    }
    if (file) await use(file);
  };
  const exportAs = () => fromDialog(() => chooseExportFile(exportFormat, { title: t('transfer.saveDialogTitle'), button: t('transfer.export') }), exportTo);
  const importFromDialog = () => fromDialog(() => chooseImportFile({ title: t('transfer.openDialogTitle'), button: t('transfer.import') }), importFrom);

  const importChosen = async (picked: File) => {
    if (job || sending !== null) return;
    setResult(null);
    setSending(0);
    let file: ChosenFile;
    try {
      file = await uploadChosenFile(picked, setSending);
    } catch (error) {
      setResult({ tone: 'error', text: handOverFailed(error, t('transfer.sendFailed')) });
      return;
    } finally {
      setSending(null);
    }
    await importFrom(file);
  };

  const percent =
    job?.progress?.bytesTotal && job.progress.bytesTotal > 0 ? Math.round((job.progress.bytesDone / job.progress.bytesTotal) * 100) : null;

  return (
    <section aria-labelledby="transfer-title">
      <h3 id="transfer-title">{t('transfer.title')}</h3>
      <form
        className="inline-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (importPath.trim()) void typed(importPath.trim(), 'read', importFrom);
        }}
      >
        {browserHost && (
          <div className="field">
            <label htmlFor="transfer-import-path">{t('transfer.importPath')}</label>
            <input
              id="transfer-import-path"
              value={importPath}
              onChange={(event) => setImportPath(event.target.value)}
              spellCheck={false}
              aria-describedby="transfer-typed-hint"
            />
          </div>
        )}
        {!dialogs && (
          <div className="field">
            <label htmlFor="transfer-import-file">{t('transfer.chooseFile')}</label>
            <input
              id="transfer-import-file"
              type="file"
              accept=".json,application/json"
              disabled={job !== null || sending !== null}
              onChange={(event) => {
                const picked = event.target.files?.[0];
                // Cleared, so choosing the same file again is a change too.
                event.target.value = '';
                if (picked) void importChosen(picked);
              }}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="transfer-import-format">{t('transfer.format')}</label>
          <select id="transfer-import-format" value={format} onChange={(event) => setFormat(event.target.value as ImportFormat)}>
            {(['auto', 'chatgpt', 'claude', 'realmultillm'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`transfer.formats.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          {browserHost && <button type="submit">{t('transfer.import')}</button>}
          {dialogs && (
            <button type="button" onClick={() => void importFromDialog()} disabled={job !== null}>
              {t('transfer.chooseImportFile')}
            </button>
          )}
        </div>
      </form>
      <form
        className="inline-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (exportPath.trim()) void typed(exportPath.trim(), 'write', exportTo);
        }}
      >
        {browserHost && (
          <div className="field">
            <label htmlFor="transfer-export-path">{t('transfer.exportPath')}</label>
            <input
              id="transfer-export-path"
              value={exportPath}
              onChange={(event) => setExportPath(event.target.value)}
              spellCheck={false}
              aria-describedby="transfer-typed-hint"
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="transfer-export-format">{t('transfer.format')}</label>
          <select id="transfer-export-format" value={exportFormat} onChange={(event) => setExportFormat(event.target.value as ExportFormat)}>
            <option value="markdown">Markdown</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div className="form-actions">
          {browserHost && <button type="submit">{t('transfer.export')}</button>}
          {dialogs && (
            <button type="button" onClick={() => void exportAs()} disabled={job !== null}>
              {t('transfer.saveAs')}
            </button>
          )}
          {browserHost && (
            <button type="button" onClick={() => void download()} disabled={job !== null}>
              {t('transfer.download')}
            </button>
          )}
        </div>
      </form>
      {browserHost && (
        <p id="transfer-typed-hint" className="hint">
          {t('transfer.typedPathsHint')}
        </p>
      )}
      {sending !== null && (
        <div className="progress-row">
          <label htmlFor="transfer-sending">{t('transfer.sending')}</label>
          <progress id="transfer-sending" max={100} value={Math.round(sending * 100)}>
            {Math.round(sending * 100)}
          </progress>
        </div>
      )}
      {job && (
        <div className="progress-row">
          <label htmlFor="transfer-progress">{job.kind === 'import' ? t('transfer.importing') : t('transfer.exporting')}</label>
          <progress id="transfer-progress" max={100} {...(percent !== null ? { value: percent } : {})}>
            {percent ?? ''}
          </progress>
          {job.progress && <span className="hint">{t('transfer.progress', { count: job.progress.conversations })}</span>}
          <button type="button" onClick={() => void api.call('transfer.cancel', { jobId: job.jobId }).catch(() => undefined)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {result && (
        <p role="status" className={`form-status ${result.tone}`}>
          {result.text}
        </p>
      )}
    </section>
  );
}
