// Where an export goes in the desktop app: the system's save dialog, opened by
// the main process when our page asks (ipc.ts). The page sends the format and the
// dialog's title and button in the user's language; the name, folder and filters
// are decided here, and the page gets back the path the user chose (or null).
// Plain Node (no electron import) so it is unit-tested.
import path from 'node:path';
import { EXPORT_EXTENSIONS, exportFileName, isExportFileFormat, type ExportFileFormat } from '../core/store';

/** The part of Electron's SaveDialogOptions used here. */
export interface ExportDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

const FILTER_NAMES: Record<ExportFileFormat, string> = { markdown: 'Markdown', json: 'JSON' };
const DEFAULT_LABELS = { title: 'Export conversations', button: 'Export' };
const MAX_LABEL = 100;

/** A label from the page: one short line of text, else the English default. */
function label(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const text = value.trim();
  return text && text.length <= MAX_LABEL && !/[\u0000-\u001f\u007f]/.test(text) ? text : fallback;
}

/**
 * The dialog for an export in `format`, suggesting today's name in `folder`, with
 * the page's `labels` ({ title, button }); null when the format is not one of ours.
 */
export function exportDialogOptions(format: unknown, folder: string, labels?: unknown, now: Date = new Date()): ExportDialogOptions | null {
  if (!isExportFileFormat(format)) return null;
  const given = (typeof labels === 'object' && labels !== null ? labels : {}) as { title?: unknown; button?: unknown };
  return {
    title: label(given.title, DEFAULT_LABELS.title),
    buttonLabel: label(given.button, DEFAULT_LABELS.button),
    defaultPath: path.join(folder, exportFileName(format, now)),
    filters: [{ name: FILTER_NAMES[format], extensions: [EXPORT_EXTENSIONS[format]] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/**
 * The path to export to from what the dialog returned: null when cancelled; the
 * format's extension added when the name has none (Linux dialogs do not add it).
 */
export function chosenExportPath(result: { canceled: boolean; filePath?: string }, options: ExportDialogOptions): string | null {
  if (result.canceled || !result.filePath) return null;
  const extension = options.filters[0]!.extensions[0]!;
  return path.extname(result.filePath) ? result.filePath : `${result.filePath}.${extension}`;
}
