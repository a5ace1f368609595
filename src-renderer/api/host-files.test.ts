import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseExportFile, chooseImportFile, ChosenFileError, grantTypedPath, hasFileDialogs, rememberHostToken, uploadChosenFile } from './host-files';

const file = new File(['[]'], 'conversations.json', { type: 'application/json' });
const LABELS = { title: 'Import conversations', button: 'Import' };

afterEach(() => vi.unstubAllGlobals());

describe('files chosen in the page', () => {
  it('under Electron come from the system’s dialogs as grants, and nothing is sent anywhere else', async () => {
    const asked: unknown[] = [];
    const win = {
      realmultillmFiles: {
        chooseImportFile: async (labels: unknown) => (asked.push(labels), { grant: 'r'.repeat(43), name: 'conversations.json' }),
        chooseExportFile: async (format: string) => (asked.push(format), null),
      },
    } as unknown as Window;
    expect(hasFileDialogs(win)).toBe(true);
    expect(hasFileDialogs({} as Window)).toBe(false);
    await expect(chooseImportFile(LABELS, win)).resolves.toEqual({ grant: 'r'.repeat(43), name: 'conversations.json' });
    await expect(chooseExportFile('json', LABELS, win)).resolves.toBeNull();
    expect(asked).toEqual([LABELS, 'json']);
  });

  it('in a browser that has not connected to the host are refused, for the page to explain', async () => {
    const error = await uploadChosenFile(file, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChosenFileError);
    expect((error as ChosenFileError).appError).toBeNull();
  });

  it('typed on the browser host are granted by the host, or refused with its coded error', async () => {
    rememberHostToken('t'.repeat(64));
    const sent: { url: string; init: RequestInit }[] = [];
    const replies = [
      new Response(JSON.stringify({ grant: 'w'.repeat(43), name: 'all.md' }), { status: 200 }),
      new Response(JSON.stringify({ error: { code: 'transfer.outside_folders', message: 'outside', params: { path: '/etc/x.md' } } }), { status: 400 }),
      new Response('not json', { status: 500 }),
    ];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => (sent.push({ url, init }), replies.shift()!));
    await expect(grantTypedPath('/srv/exports/all.md', 'write')).resolves.toEqual({ grant: 'w'.repeat(43), name: 'all.md' });
    expect(sent[0]).toMatchObject({ url: '/grant', init: { method: 'POST', body: JSON.stringify({ path: '/srv/exports/all.md', access: 'write' }) } });
    expect((sent[0]!.init.headers as Record<string, string>)['x-realmultillm-token']).toBe('t'.repeat(64));
    const outside = await grantTypedPath('/etc/x.md', 'write').catch((e: unknown) => e);
    expect((outside as ChosenFileError).appError).toEqual({ code: 'transfer.outside_folders', message: 'outside', params: { path: '/etc/x.md' } });
    expect(((await grantTypedPath('/x.md', 'write').catch((e: unknown) => e)) as ChosenFileError).appError).toBeNull();
  });
});
