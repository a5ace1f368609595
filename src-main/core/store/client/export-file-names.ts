// The names an export is offered under: the browser host's download and the
// desktop app's save dialog both suggest `realmultillm-<day>.<extension>`.

/** The file extension of each export format. */
export const EXPORT_EXTENSIONS = { markdown: 'md', json: 'json' } as const;

export type ExportFileFormat = keyof typeof EXPORT_EXTENSIONS;

export function isExportFileFormat(value: unknown): value is ExportFileFormat {
  return value === 'markdown' || value === 'json';
}

/** `realmultillm-2026-12-03.md`: the day (UTC) and the format's extension. */
export function exportFileName(format: ExportFileFormat, now: Date = new Date()): string {
  return `realmultillm-${now.toISOString().slice(0, 10)}.${EXPORT_EXTENSIONS[format]}`;
}
