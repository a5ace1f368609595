// Team sync through the dispatcher, before any server: the status says what is
// set up, and each call that needs more says what to do first, in a coded error.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src-shared/api/methods/sync';
import { useHandlers } from './test-support';

const api = useHandlers();

describe('sync handlers', () => {
  it('report sync as off until a server is configured', async () => {
    const status = await api.call<SyncStatus>('sync.status', {});
    expect(status).toMatchObject({ serverUrl: null, account: null, device: null, signingIn: null, waiting: 0, status: { state: 'off' } });
  });

  it('refuse to sign in, sync or list spaces before a server is configured or signed in', async () => {
    await expect(api.call('sync.signIn', {})).rejects.toMatchObject({ code: 'sync.not_configured' });
    await expect(api.call('sync.now', {})).rejects.toMatchObject({ code: 'sync.not_configured' });
    await expect(api.call('sync.spaces', {})).rejects.toMatchObject({ code: 'sync.not_signed_in' });
    await expect(api.call('sync.moveConversation', { conversationId: '0193a1b2-0000-7000-8000-000000000001', spaceId: '0193a1b2-0000-7000-8000-000000000002' })).rejects.toMatchObject({
      code: 'sync.not_signed_in',
    });
  });

  it('refuse an address that is not a server address, and one where no server answers, changing nothing', async () => {
    await expect(api.call('sync.configure', { serverUrl: 'ftp://example.com' })).rejects.toMatchObject({ code: 'sync.bad_server_url', params: { url: 'ftp://example.com' } });
    await expect(api.call('sync.configure', { serverUrl: 'http://example.com' })).rejects.toMatchObject({ code: 'sync.bad_server_url' });
    await expect(api.call('sync.configure', { serverUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({ code: 'sync.server_unreachable', params: { host: '127.0.0.1:9' } });
    expect(await api.call<SyncStatus>('sync.status', {})).toMatchObject({ serverUrl: null, status: { state: 'off' } });
  });

  it('refuse a web server that is not a team server', async () => {
    const server = http.createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>hello</h1>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(api.call('sync.configure', { serverUrl: url })).rejects.toMatchObject({ code: 'sync.not_a_server' });
    } finally {
      server.close();
    }
  });
});
