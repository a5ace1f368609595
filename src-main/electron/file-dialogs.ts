// The system's dialogs for files in the desktop app, opened by the main process
// when our page asks (ipc.ts): the save dialog for an export, the open dialog for
// an import. The page sends the format and the dialog's title and button in the
// user's language; the name, folder and filters are decided here. The page gets
// back a grant for the file the user chose (ipc.ts mints it), never a path.
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
 * Where to export to from what the dialog returned: null when cancelled; the
 * format's extension added when the name has none (Linux dialogs do not add it).
 * `replaceConfirmed`: the dialog asked before replacing this very file (not so
 * when the extension was added: it asked about another name).
 */
export function chosenExport(
  result: { canceled: boolean; filePath?: string },
  options: ExportDialogOptions,
): { path: string; replaceConfirmed: boolean } | null {
  if (result.canceled || !result.filePath) return null;
  const extension = options.filters[0]!.extensions[0]!;
  if (path.extname(result.filePath)) return { path: result.filePath, replaceConfirmed: true };
  return { path: `${result.filePath}.${extension}`, replaceConfirmed: false };
}

/** The part of Electron's OpenDialogOptions used here. */
export interface ImportDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: 'openFile'[];
}

const IMPORT_LABELS = { title: 'Import conversations', button: 'Import' };

/** The dialog for an import (one JSON file), opening in `folder`, with the page's `labels`. */
export function importDialogOptions(folder: string, labels?: unknown): ImportDialogOptions {
  const given = (typeof labels === 'object' && labels !== null ? labels : {}) as { title?: unknown; button?: unknown };
  return {
    title: label(given.title, IMPORT_LABELS.title),
    buttonLabel: label(given.button, IMPORT_LABELS.button),
    defaultPath: folder,
    filters: [{ name: 'JSON', extensions: ['json'] }],
    properties: ['openFile'],
  };
}

/** The file to import from what the dialog returned, or null when cancelled. */
export function chosenImport(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
