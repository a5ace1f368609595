import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/app';
import { exportFixture } from '../core/store/testing';
import { startHostServer, type HostServer } from './server';

let core: Core;
let host: HostServer;
let dataDir: string;
let staticDir: string;
/** A folder the host was started with (`--allow-dir`), and one it was not. */
let allowedDir: string;
let otherDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-host-'));
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>RealMultiLLM</title>');
  allowedDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rml-allowed-')));
  otherDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rml-other-')));
  core = await createCore({ dataDir, transport: 'browser' });
  host = await startHostServer({ core, staticDir, allowDirs: [allowedDir] });
});

afterAll(async () => {
  await host.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticDir, { recursive: true, force: true });
  fs.rmSync(allowedDir, { recursive: true, force: true });
  fs.rmSync(otherDir, { recursive: true, force: true });
});

type Outcome = { opened: true; ws: WebSocket } | { opened: false; status: number | null; received: number };

function connect(options: { token?: string | null; origin?: string; host?: string }): Promise<Outcome> {
  const query = options.token === null ? '' : `?token=${options.token ?? host.token}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, {
    headers: {
      Origin: options.origin ?? `http://127.0.0.1:${host.port}`,
      ...(options.host && { Host: options.host }),
    },
  });
  let received = 0;
  ws.on('message', () => (received += 1));
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ opened: true, ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? null, received }));
    ws.once('error', () => resolve({ opened: false, status: null, received }));
  });
}

function call(ws: WebSocket, method: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, input }));
  });
}

describe('the browser host', () => {
  it('makes a 256-bit token and prints it in the address', () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  it('refuses a WebSocket without the token', async () => {
    const outcome = await connect({ token: null });
    expect(outcome).toEqual({ opened: false, status: 401, received: 0 });
  });

  it('refuses a WebSocket with a wrong token', async () => {
    const wrong = host.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(await connect({ token: wrong })).toEqual({ opened: false, status: 401, received: 0 });
  });

  it('refuses a WebSocket from another Origin, even with the token', async () => {
    expect(await connect({ origin: 'http://evil.example' })).toEqual({ opened: false, status: 403, received: 0 });
    expect(await connect({ origin: 'null' })).toMatchObject({ opened: false, status: 403 });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await connect({ host: `rebind.example:${host.port}`, origin: `http://rebind.example:${host.port}` })).toMatchObject({
      opened: false,
      status: 421,
    });
    // fetch() may not set Host, so ask with node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'rebind.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('answers calls from our own page with the token, validating input', async () => {
    const outcome = await connect({});
    expect(outcome.opened).toBe(true);
    if (!outcome.opened) return;
    const info = await call(outcome.ws, 'app.info', {});
    expect(info).toMatchObject({ ok: true, result: { transport: 'browser' } });
    const bad = await call(outcome.ws, 'conversation.get', { id: '../../etc/passwd' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    outcome.ws.close();
  });

  it('answers a malformed call whose id it can read with an error, and closes with 1007 on one it cannot', async () => {
    const outcome = await connect({});
    if (!outcome.opened) throw new Error('did not open');
    const replies: unknown[] = [];
    outcome.ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
    outcome.ws.send(JSON.stringify({ type: 'call', id: 41, method: 17 }));
    await expect.poll(() => replies).toEqual([
      { type: 'result', id: 41, ok: false, error: { code: 'api.malformed_call', message: expect.stringMatching(/not a call this app understands/), params: {} } },
    ]);
    const closed = new Promise<number>((resolve) => outcome.ws.once('close', (code) => resolve(code)));
    outcome.ws.send('{not json');
    expect(await closed).toBe(1007);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('RealMultiLLM');
    expect((await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('lets the browser keep the hashed assets, never index.html', async () => {
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'assets', 'index-DoRhbIii.js'), 'export {};');
    fs.writeFileSync(path.join(staticDir, 'assets', 'unhashed.js'), 'export {};');
    const asset = await fetch(`http://127.0.0.1:${host.port}/assets/index-DoRhbIii.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`http://127.0.0.1:${host.port}/assets/unhashed.js`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).headers.get('cache-control')).toBe('no-store');
  });

  it('stops at once although the browser holds a socket it opened ahead of need', async () => {
    const own = await createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'rml-host-')), transport: 'browser' });
    const server = await startHostServer({ core: own, staticDir });
    // What a browser's preconnect looks like: a connection that has sent no request yet.
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = performance.now();
    await server.close();
    // Without closing it, close() waits for the server's headers timeout (60 s).
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(socket.destroyed || (await new Promise((resolve) => socket.once('close', () => resolve(true))))).toBe(true);
    await own.close();
    fs.rmSync(own.dataDir, { recursive: true, force: true });
  });
});

describe('an export file sent for an import', () => {
  const fixture = exportFixture('chatgpt-conversations.json');
  const uploads = () => path.join(dataDir, 'uploads');
  const stored = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()) : []);
  const upload = (body: Buffer, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${host.port}/upload`, {
      method: 'POST',
      body,
      headers: { Origin: `http://127.0.0.1:${host.port}`, 'X-RealMultiLLM-Token': host.token, ...headers },
    });

  it('is refused without the token or from another Origin, and nothing is kept', async () => {
    const body = fs.readFileSync(fixture);
    const noToken = await upload(body, { 'X-RealMultiLLM-Token': '' });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: unknown }).error).toMatchObject({ code: 'host.stale_token', params: {} });
    expect((await upload(body, { 'X-RealMultiLLM-Token': 'f'.repeat(64) })).status).toBe(401);
    const foreign = await upload(body, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: unknown }).error).toMatchObject({ code: 'host.foreign_origin' });
    expect((await fetch(`http://127.0.0.1:${host.port}/upload`)).status).toBe(405);
    expect(stored()).toEqual([]);
  });

  it('refuses a file over the size limit before reading it, in a coded error', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: host.port,
        path: '/upload',
        method: 'POST',
        headers: { Origin: `http://127.0.0.1:${host.port}`, 'X-RealMultiLLM-Token': host.token, 'Content-Length': String(9 * 1024 ** 3) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write('[');
    });
    expect(status).toBe(413);
    expect((JSON.parse(body) as { error: unknown }).error).toMatchObject({ code: 'host.upload_too_large', params: { size: '9.0', max: 8 } });
    expect(stored()).toEqual([]);
  });

  it('is kept byte for byte in the data folder, answered with a grant (never its path), imported once, then deleted', async () => {
    const body = fs.readFileSync(fixture);
    const res = await upload(body);
    expect(res.status).toBe(201);
    const reply = (await res.json()) as { grant: string };
    expect(Object.keys(reply)).toEqual(['grant']);
    expect(reply.grant).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [copy] = stored();
    expect(fs.readFileSync(path.join(uploads(), copy!))).toEqual(body);

    const outcome = await connect({});
    if (!outcome.opened) throw new Error('The WebSocket did not open.');
    const imported = await call(outcome.ws, 'transfer.import', { jobId: crypto.randomUUID(), file: { grant: reply.grant }, format: 'auto' });
    expect(imported).toMatchObject({ ok: true, result: { format: 'chatgpt', imported: 2 } });
    expect(stored()).toEqual([]);
    const again = await call(outcome.ws, 'transfer.import', { jobId: crypto.randomUUID(), file: { grant: reply.grant }, format: 'auto' });
    expect(again).toMatchObject({ ok: false, error: { code: 'transfer.not_granted' } });
    outcome.ws.close();
  });

  it('sends conversations back as a download, only to our page with the token, keeping no copy', async () => {
    const exportOf = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${host.port}/export`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { Origin: `http://127.0.0.1:${host.port}`, 'X-RealMultiLLM-Token': host.token, ...headers },
      });
    expect((await exportOf({ jobId: crypto.randomUUID(), format: 'markdown' }, { 'X-RealMultiLLM-Token': '' })).status).toBe(401);
    expect((await exportOf({ jobId: crypto.randomUUID(), format: 'markdown' }, { Origin: 'http://evil.example' })).status).toBe(403);
    const bad = await exportOf({ jobId: 'not an id', format: 'markdown' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: unknown }).error).toMatchObject({ code: 'api.invalid_input' });
    const notJson = await fetch(`http://127.0.0.1:${host.port}/export`, {
      method: 'POST',
      body: '{not json',
      headers: { Origin: `http://127.0.0.1:${host.port}`, 'X-RealMultiLLM-Token': host.token },
    });
    expect(((await notJson.json()) as { error: unknown }).error).toMatchObject({ code: 'host.request_not_json' });

    const res = await exportOf({ jobId: crypto.randomUUID(), format: 'markdown' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="realmultillm-\d{4}-\d{2}-\d{2}\.md"$/);
    expect(await res.text()).toContain('Rust borrow checker');
    // Deleted once sent (the last bytes can reach us a moment before).
    await expect.poll(stored).toEqual([]);
  });
});

describe('a path typed in the page', () => {
  const grantFor = async (typed: unknown, access: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${host.port}/grant`, {
      method: 'POST',
      body: JSON.stringify({ path: typed, access }),
      headers: { Origin: `http://127.0.0.1:${host.port}`, 'X-RealMultiLLM-Token': host.token, ...headers },
    });
    return { status: res.status, body: (await res.json()) as { grant?: string; name?: string; error?: { code: string } } };
  };
  const onSocket = async <T>(use: (ws: WebSocket) => Promise<T>): Promise<T> => {
    const outcome = await connect({});
    if (!outcome.opened) throw new Error('The WebSocket did not open.');
    try {
      return await use(outcome.ws);
    } finally {
      outcome.ws.close();
    }
  };

  it('is granted inside a folder the host was started with, and the grant writes there once', async () => {
    const target = path.join(allowedDir, 'typed.md');
    const granted = await grantFor(target, 'write');
    expect(granted).toMatchObject({ status: 200, body: { name: 'typed.md' } });
    await onSocket(async (ws) => {
      const file = { grant: granted.body.grant };
      expect(await call(ws, 'transfer.export', { jobId: crypto.randomUUID(), file, format: 'markdown' })).toMatchObject({ ok: true });
      expect(fs.existsSync(target)).toBe(true);
      fs.rmSync(target);
      expect(await call(ws, 'transfer.export', { jobId: crypto.randomUUID(), file, format: 'markdown' })).toMatchObject({
        ok: false,
        error: { code: 'transfer.not_granted' },
      });
    });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('is refused outside the data folder and the allowed folders, also through .. or a symlink, and nothing is written', async () => {
    fs.symlinkSync(otherDir, path.join(allowedDir, 'door'));
    fs.writeFileSync(path.join(otherDir, 'secret.json'), '[]');
    fs.symlinkSync(path.join(otherDir, 'secret.json'), path.join(allowedDir, 'secret-link.json'));
    const attempts: [string, 'read' | 'write'][] = [
      [path.join(otherDir, 'escape.md'), 'write'],
      [path.join(allowedDir, '..', path.basename(otherDir), 'escape.md'), 'write'],
      [`${allowedDir}/../${path.basename(otherDir)}/escape.md`, 'write'],
      [path.join(allowedDir, 'door', 'escape.md'), 'write'],
      [path.join(allowedDir, 'secret-link.json'), 'write'],
      [path.join(allowedDir, 'secret-link.json'), 'read'],
      [path.join(allowedDir, 'door', 'secret.json'), 'read'],
    ];
    for (const [typed, access] of attempts) {
      expect(await grantFor(typed, access), typed).toMatchObject({ status: 400, body: { error: { code: 'transfer.outside_folders' } } });
    }
    expect(fs.readdirSync(otherDir)).toEqual(['secret.json']);
    expect(fs.readFileSync(path.join(otherDir, 'secret.json'), 'utf8')).toBe('[]');
  });

  it('is refused without the token, from another Origin, or when it is not a path', async () => {
    const target = path.join(allowedDir, 'x.md');
    expect(await grantFor(target, 'write', { 'X-RealMultiLLM-Token': '' })).toMatchObject({ status: 401, body: { error: { code: 'host.stale_token' } } });
    expect(await grantFor(target, 'write', { Origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { error: { code: 'host.foreign_origin' } } });
    expect(await grantFor(target, 'execute')).toMatchObject({ status: 400, body: { error: { code: 'host.request_not_json' } } });
    expect(await grantFor(42, 'read')).toMatchObject({ status: 400 });
    expect(await grantFor('relative/x.md', 'write')).toMatchObject({ status: 400, body: { error: { code: 'transfer.relative-path' } } });
  });

  it('reaches the data folder too, and a page that skips the grant and sends the path is refused', async () => {
    const inData = path.join(dataDir, 'conversations.json');
    fs.copyFileSync(exportFixture('chatgpt-conversations.json'), inData);
    const granted = await grantFor(inData, 'read');
    expect(granted.status).toBe(200);
    await onSocket(async (ws) => {
      const target = path.join(otherDir, 'bypass.md');
      expect(await call(ws, 'transfer.export', { jobId: crypto.randomUUID(), path: target, format: 'markdown' })).toMatchObject({
        ok: false,
        error: { code: 'api.invalid_input' },
      });
      expect(await call(ws, 'transfer.export', { jobId: crypto.randomUUID(), file: { grant: target }, format: 'markdown' })).toMatchObject({
        ok: false,
        error: { code: 'transfer.not_granted' },
      });
      expect(fs.existsSync(target)).toBe(false);
      expect(await call(ws, 'transfer.import', { jobId: crypto.randomUUID(), file: { grant: granted.body.grant } })).toMatchObject({ ok: true });
    });
    // A file the user named is never deleted by its import.
    expect(fs.existsSync(inData)).toBe(true);
  });
});
