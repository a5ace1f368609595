import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chosenExport, chosenImport, exportDialogOptions, importDialogOptions } from './file-dialogs';

const DAY = new Date('2026-12-03T10:00:00Z');

describe('the export save dialog', () => {
  it('suggests today’s name in the folder, with the format’s filter', () => {
    const options = exportDialogOptions('markdown', '/home/someone/Documents', undefined, DAY)!;
    expect(options.defaultPath).toBe(path.join('/home/someone/Documents', 'realmultillm-2026-12-03.md'));
    expect(options.filters).toEqual([{ name: 'Markdown', extensions: ['md'] }]);
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(exportDialogOptions('json', '/tmp', undefined, DAY)!.defaultPath).toBe(path.join('/tmp', 'realmultillm-2026-12-03.json'));
  });

  it('refuses anything but our formats (the page sends only the format)', () => {
    for (const format of ['html', '../../etc/passwd', undefined, null, 1, { format: 'json' }]) {
      expect(exportDialogOptions(format, '/tmp', undefined, DAY)).toBeNull();
    }
  });

  it('takes the title and button in the user’s language, but only as one short line', () => {
    const german = exportDialogOptions('json', '/tmp', { title: 'Unterhaltungen exportieren', button: 'Exportieren' }, DAY)!;
    expect([german.title, german.buttonLabel]).toEqual(['Unterhaltungen exportieren', 'Exportieren']);
    for (const labels of [undefined, null, 'title', { title: 42 }, { title: '  ' }, { title: 'a\nb' }, { title: 'x'.repeat(101) }]) {
      const options = exportDialogOptions('json', '/tmp', labels, DAY)!;
      expect([options.title, options.buttonLabel]).toEqual(['Export conversations', 'Export']);
    }
  });

  it('gives the chosen path, adds a missing extension, and null when cancelled', () => {
    const markdown = exportDialogOptions('markdown', '/x', undefined, DAY)!;
    const json = exportDialogOptions('json', '/x', undefined, DAY)!;
    expect(chosenExport({ canceled: false, filePath: '/x/notes.md' }, markdown)).toEqual({ path: '/x/notes.md', replaceConfirmed: true });
    // The dialog asked about "notes", not "notes.md": replacing that one is not agreed.
    expect(chosenExport({ canceled: false, filePath: '/x/notes' }, markdown)).toEqual({ path: '/x/notes.md', replaceConfirmed: false });
    expect(chosenExport({ canceled: false, filePath: '/x/all' }, json)).toEqual({ path: '/x/all.json', replaceConfirmed: false });
    expect(chosenExport({ canceled: true, filePath: '/x/notes.md' }, markdown)).toBeNull();
    expect(chosenExport({ canceled: false, filePath: '' }, json)).toBeNull();
    expect(chosenExport({ canceled: false }, json)).toBeNull();
  });
});

describe('the import open dialog', () => {
  it('opens one JSON file, titled in the user’s language or in English', () => {
    const options = importDialogOptions('/home/someone/Downloads', { title: 'Unterhaltungen importieren', button: 'Importieren' });
    expect(options).toEqual({
      title: 'Unterhaltungen importieren',
      buttonLabel: 'Importieren',
      defaultPath: '/home/someone/Downloads',
      filters: [{ name: 'JSON', extensions: ['json'] }],
      properties: ['openFile'],
    });
    expect(importDialogOptions('/tmp', { title: 'a\u0000b' })).toMatchObject({ title: 'Import conversations', buttonLabel: 'Import' });
  });

  it('gives the chosen file, or null when cancelled', () => {
    expect(chosenImport({ canceled: false, filePaths: ['/x/conversations.json'] })).toBe('/x/conversations.json');
    expect(chosenImport({ canceled: true, filePaths: ['/x/conversations.json'] })).toBeNull();
    expect(chosenImport({ canceled: false, filePaths: [] })).toBeNull();
  });
});
