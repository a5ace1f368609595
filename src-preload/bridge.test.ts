// The layer rule keeps npm packages out of the preload bundle; this test is never
// bundled, it runs under vitest in Node.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_PATH_CHANNEL, IPC_SAVE_PATH_CHANNEL } from '../src-shared/api/channels';
import { createBridge, createFileDialogs, unwrapReply, type BridgeIpc } from './bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for ipcRenderer: records invokes and lets the test push events. */
function fakeIpc(reply: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(reply),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies BridgeIpc;
  const ipcEvent = { sender: 'the IpcRendererEvent, which must never reach the page', ports: [] };
  const push = (message: unknown) => {
    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? []) listener(ipcEvent, message);
  };
  const listenerCount = () => listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0;
  return { ipc, push, listenerCount, ipcEvent };
}

const CONVERSATION = '0190a3c2-8d4e-7b1a-9c3d-1e2f3a4b5c6d';
const MESSAGE = '0190a3c2-8d4e-7b1a-9c3d-1e2f3a4b5c6e';

describe('call', () => {
  it('invokes the one call channel with the method and input, and resolves with the result', async () => {
    const { ipc } = fakeIpc(async () => ({ ok: true, result: [] }));
    const api = createBridge(ipc);
    await expect(api.call('conversation.list', { limit: 5 })).resolves.toEqual([]);
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'conversation.list', { limit: 5 });
  });

  it('rejects with the code, params and message the core wrote for the user', async () => {
    const error = {
      code: 'api.invalid_input',
      message: 'That request was not valid: name needs a name.',
      params: {},
      problems: [{ path: 'name', code: 'input.empty', params: {} }],
    };
    const { ipc } = fakeIpc(async () => ({ ok: false, error }));
    const rejection = await createBridge(ipc)
      .call('provider.list', {})
      .catch((e: unknown) => e);
    expect(rejection).toMatchObject({ name: 'ApiError', ...error });
  });

  it('passes on only well-formed problems, their params as text and numbers', async () => {
    const problems = [
      { path: 'steps.0.prompt', code: 'template.not_earlier', params: { step: 1, name: 'One', placeholder: '{{steps.Two}}', markup: { html: '<b>' } } },
      { path: 'x', params: {} },
      'not a problem',
    ];
    const { ipc } = fakeIpc(async () => ({ ok: false, error: { code: 'pipeline.invalid', message: 'The pipeline cannot be saved.', params: {}, problems } }));
    const rejection = await createBridge(ipc)
      .call('pipeline.list', {})
      .catch((e: unknown) => e);
    expect(rejection).toMatchObject({
      code: 'pipeline.invalid',
      problems: [{ path: 'steps.0.prompt', code: 'template.not_earlier', params: { step: 1, name: 'One', placeholder: '{{steps.Two}}' } }],
    });
  });

  it('rejects with a plain object that survives contextBridge whole', async () => {
    // contextBridge copies a rejected Error as new Error(message), dropping `code`;
    // a plain object is copied with all its fields, as structuredClone does.
    const { ipc } = fakeIpc(async () => ({ ok: false, error: { code: 'vault.file_missing', message: 'The key file is gone.', params: { file: 'keys.rmllm' } } }));
    const rejection = await createBridge(ipc)
      .call('vault.list', {})
      .catch((e: unknown) => e);
    expect(rejection).not.toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(rejection)).toBe(Object.prototype);
    expect(structuredClone(rejection)).toEqual({ name: 'ApiError', code: 'vault.file_missing', message: 'The key file is gone.', params: { file: 'keys.rmllm' } });
  });

  it('says in words that the app could not be reached when IPC itself fails', async () => {
    const { ipc } = fakeIpc(async () => {
      throw new Error("Error invoking remote method 'realmultillm:call': no handler");
    });
    const rejection = await createBridge(ipc)
      .call('app.info', {})
      .catch((e: unknown) => e);
    expect(rejection).toMatchObject({ code: 'ipc.unreachable' });
    expect((rejection as { message: string }).message).toMatch(/could not reach RealMultiLLM/);
    expect((rejection as { message: string }).message).not.toMatch(/invoking remote method/);
  });

  it('treats a malformed reply as unreachable, never as a result', () => {
    for (const reply of [undefined, null, 'ok', { ok: true }, { ok: false }, { ok: false, error: { code: 1 } }]) {
      expect(() => unwrapReply(reply), JSON.stringify(reply)).toThrow();
      try {
        unwrapReply(reply);
      } catch (e) {
        expect(e).toMatchObject({ code: 'ipc.unreachable' });
      }
    }
    expect(unwrapReply({ ok: true, result: null })).toBeNull();
  });
});

describe('on', () => {
  const delta = { conversationId: CONVERSATION, messageId: MESSAGE, text: 'Hel' };

  it('delivers only the payload of the named event, never the IPC event object', () => {
    const { ipc, push, ipcEvent } = fakeIpc(async () => null);
    const api = createBridge(ipc);
    const seen: unknown[][] = [];
    api.on('stream.delta', (...args: unknown[]) => seen.push(args));
    push({ event: 'conversation.changed', payload: { conversationId: CONVERSATION } });
    push({ event: 'stream.delta', payload: delta });
    expect(seen).toEqual([[delta]]);
    expect(JSON.stringify(seen)).not.toContain(String(ipcEvent.sender));
  });

  it('ignores malformed messages on the event channel', () => {
    const { ipc, push } = fakeIpc(async () => null);
    const listener = vi.fn();
    createBridge(ipc).on('stream.delta', listener);
    for (const message of [undefined, null, 'stream.delta', { event: 42, payload: delta }, { payload: delta }]) push(message);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const { ipc, push } = fakeIpc(async () => null);
    const listener = vi.fn();
    const off = createBridge(ipc).on('stream.delta', listener);
    push({ event: 'stream.delta', payload: delta });
    off();
    off();
    push({ event: 'stream.delta', payload: delta });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('holds one IPC listener for any number of subscribers and drops it when the last leaves', () => {
    const { ipc, listenerCount } = fakeIpc(async () => null);
    const api = createBridge(ipc);
    const offs = Array.from({ length: 25 }, (_, i) => api.on(i % 2 ? 'stream.delta' : 'stream.end', () => {}));
    expect(listenerCount()).toBe(1);
    for (const off of offs) off();
    expect(listenerCount()).toBe(0);
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other subscribers when one throws', () => {
    const { ipc, push } = fakeIpc(async () => null);
    const api = createBridge(ipc);
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    api.on('stream.delta', () => {
      throw new Error('renderer bug');
    });
    api.on('stream.delta', after);
    push({ event: 'stream.delta', payload: delta });
    expect(after).toHaveBeenCalledWith(delta);
    expect(errorSpy).toHaveBeenCalled();
    errorSpy.mockRestore();
  });

  it('gives the same function subscribed twice two independent subscriptions', () => {
    const { ipc, push } = fakeIpc(async () => null);
    const api = createBridge(ipc);
    const listener = vi.fn();
    const offFirst = api.on('stream.delta', listener);
    api.on('stream.delta', listener);
    offFirst();
    push({ event: 'stream.delta', payload: delta });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('file dialogs', () => {
  const LABELS = { title: 'Export conversations', button: 'Export' };
  const CHOSEN = { grant: 'g'.repeat(43), name: 'all.json' };

  it('asks the main process for a save dialog with the format and labels only, and gives back its grant or null', async () => {
    const { ipc } = fakeIpc(async (_channel, format) => ({ ok: true, result: format === 'json' ? { ...CHOSEN, path: '/not/passed/on' } : null }));
    const files = createFileDialogs(ipc);
    const labels = { title: 'Unterhaltungen exportieren', button: 'Exportieren', extra: 'not sent' };
    await expect(files.chooseExportFile('json', labels)).resolves.toEqual(CHOSEN);
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_SAVE_PATH_CHANNEL, 'json', { title: 'Unterhaltungen exportieren', button: 'Exportieren' });
    await expect(files.chooseExportFile('markdown', labels)).resolves.toBeNull();
  });

  it('asks for the open dialog with the labels only, for an import', async () => {
    const { ipc } = fakeIpc(async () => ({ ok: true, result: { grant: 'r'.repeat(43), name: 'conversations.json' } }));
    await expect(createFileDialogs(ipc).chooseImportFile({ title: 'Import', button: 'Open' })).resolves.toEqual({ grant: 'r'.repeat(43), name: 'conversations.json' });
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_OPEN_PATH_CHANNEL, { title: 'Import', button: 'Open' });
  });

  it('rejects with the main process’s words, or as unreachable for anything else (a bare path included)', async () => {
    const refused = createFileDialogs(fakeIpc(async () => ({ ok: false, error: { code: 'ipc.refused', message: 'Not allowed.' } })).ipc);
    await expect(refused.chooseExportFile('json', LABELS)).rejects.toMatchObject({ code: 'ipc.refused', message: 'Not allowed.' });
    for (const result of [42, '/home/a/all.json', { grant: 1, name: 'x' }, { grant: 'x' }]) {
      const odd = createFileDialogs(fakeIpc(async () => ({ ok: true, result })).ipc);
      await expect(odd.chooseExportFile('json', LABELS)).rejects.toMatchObject({ code: 'ipc.unreachable' });
      await expect(odd.chooseImportFile(LABELS)).rejects.toMatchObject({ code: 'ipc.unreachable' });
    }
    const broken = createFileDialogs(
      fakeIpc(async () => {
        throw new Error('gone');
      }).ipc,
    );
    await expect(broken.chooseImportFile(LABELS)).rejects.toMatchObject({ code: 'ipc.unreachable' });
  });
});
