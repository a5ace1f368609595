// Conversations in and out: import a ChatGPT or Claude export or our own JSON
// (by its path, or chosen with the file picker: see api/host-files.ts), export one
// conversation or everything as Markdown or JSON (to a path, through the system's
// save dialog in the desktop app, or as a download from the browser host), each
// with a progress bar and Cancel.
import { useEffect, useState, type FormEvent } from 'react';
import type { ImportFormat, ExportFormat, TransferProgress } from '../../src-shared/entities/transfer';
import { canChooseExportPath, canDownloadExports, chooseExportPath, ChosenFileError, downloadExport, pathForChosenFile } from '../api/host-files';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useStores } from '../state/context';
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

  const jobId = job?.jobId;
  useEffect(() => {
    if (!jobId) return;
    return api.on('transfer.progress', (progress) =>
      setJob((current) => (current && current.jobId === progress.jobId ? { ...current, progress } : current)),
    );
  }, [api, jobId]);

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

  const importFrom = (path: string) =>
    runJob('import', async (jobId) => {
      const summary = await api.call('transfer.import', { jobId, path, format });
      // The sidebar lists what came in.
      void conversations.refresh();
      const done = t('transfer.importedSummary', { imported: summary.imported, skipped: summary.skipped, messages: summary.messages });
      // What the file had that has no place here (a tool call, a message from an unknown sender), in the core's words.
      return summary.notes.length > 0 ? `${done} ${t('transfer.leftOut', { notes: summary.notes.join(' ') })}` : done;
    });

  const exportTo = (path: string) =>
    runJob('export', async (jobId) => {
      const summary = await api.call('transfer.export', { jobId, path, format: exportFormat });
      return t('transfer.exportedSummary', { conversations: summary.conversations, messages: summary.messages });
    });

  /** The browser host's export as a download: the same job and progress, then the browser saves the file. */
  const download = () =>
    runJob(
      'export',
      async (jobId) => {
        const done = await downloadExport({ jobId, format: exportFormat });
        saveFile(done.fileName, done.content);
        return t('transfer.exportedSummary', { conversations: done.conversations, messages: done.messages });
      },
      (error) => (error instanceof ChosenFileError && error.appMessage ? error.appMessage : t('transfer.downloadFailed')),
    );

  /** The desktop app: the system's save dialog says where, then the export runs. */
  const exportAs = async () => {
    if (job) return;
    let path: string | null;
    try {
      path = await chooseExportPath(exportFormat, { title: t('transfer.saveDialogTitle'), button: t('transfer.export') });
    } catch (error) {
      setResult({ tone: 'error', text: userMessage(error) });
      return;
    }
    if (!path) return;
    setExportPath(path);
    await exportTo(path);
  };

  const importChosen = async (file: File) => {
    if (job || sending !== null) return;
    setResult(null);
    setSending(0);
    let path: string;
    try {
      path = await pathForChosenFile(file, setSending);
    } catch (error) {
      const text = error instanceof ChosenFileError && error.appMessage ? error.appMessage : t('transfer.sendFailed');
      setResult({ tone: 'error', text });
      return;
    } finally {
      setSending(null);
    }
    await importFrom(path);
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
          if (importPath.trim()) void importFrom(importPath.trim());
        }}
      >
        <div className="field">
          <label htmlFor="transfer-import-path">{t('transfer.importPath')}</label>
          <input id="transfer-import-path" value={importPath} onChange={(event) => setImportPath(event.target.value)} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="transfer-import-file">{t('transfer.chooseFile')}</label>
          <input
            id="transfer-import-file"
            type="file"
            accept=".json,application/json"
            disabled={job !== null || sending !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Cleared, so choosing the same file again is a change too.
              event.target.value = '';
              if (file) void importChosen(file);
            }}
          />
        </div>
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
          <button type="submit">{t('transfer.import')}</button>
        </div>
      </form>
      <form
        className="inline-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (exportPath.trim()) void exportTo(exportPath.trim());
        }}
      >
        <div className="field">
          <label htmlFor="transfer-export-path">{t('transfer.exportPath')}</label>
          <input id="transfer-export-path" value={exportPath} onChange={(event) => setExportPath(event.target.value)} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="transfer-export-format">{t('transfer.format')}</label>
          <select id="transfer-export-format" value={exportFormat} onChange={(event) => setExportFormat(event.target.value as ExportFormat)}>
            <option value="markdown">Markdown</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div className="form-actions">
          <button type="submit">{t('transfer.export')}</button>
          {canChooseExportPath() && (
            <button type="button" onClick={() => void exportAs()} disabled={job !== null}>
              {t('transfer.saveAs')}
            </button>
          )}
          {canDownloadExports() && (
            <button type="button" onClick={() => void download()} disabled={job !== null}>
              {t('transfer.download')}
            </button>
          )}
        </div>
      </form>
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
