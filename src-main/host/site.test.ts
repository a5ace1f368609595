// The host's server before the core: the page's files at once, API requests held
// until the core is connected (or refused when it cannot start). Real sockets, a
// real core for the connected case.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../core/app';
import { startHostServer } from './server';
import { openHostSite, type HostSite } from './site';

let staticDir: string;
const dataDirs: string[] = [];

beforeAll(() => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-site-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>RealMultiLLM</title>');
});

afterAll(() => {
  for (const dir of [staticDir, ...dataDirs]) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the API socket; resolves when it opens or is refused (with the status). */
function openSocket(site: HostSite): { settled: Promise<{ opened: true; ws: WebSocket } | { opened: false; status: number | null }> } {
  const ws = new WebSocket(`ws://127.0.0.1:${site.port}/api?token=${site.token}`, { headers: { Origin: `http://127.0.0.1:${site.port}` } });
  return {
    settled: new Promise((resolve) => {
      ws.once('open', () => resolve({ opened: true, ws }));
      ws.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? null }));
      ws.once('error', () => resolve({ opened: false, status: null }));
    }),
  };
}

const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then((value) => ({ value })), new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);

describe('the host before its core', () => {
  it('serves the page at once, holds the API socket until the core is connected, then answers on it', async () => {
    const site = await openHostSite({ staticDir });
    try {
      const page = await fetch(`http://127.0.0.1:${site.port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>RealMultiLLM</title>');

      const early = openSocket(site);
      // Nothing answers it yet, and nothing drops it either.
      expect(await settledWithin(early.settled, 300)).toBe('pending');

      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-site-core-'));
      dataDirs.push(dataDir);
      const core = await createCore({ dataDir, transport: 'browser' });
      const host = await startHostServer({ core, site });
      try {
        const outcome = await early.settled;
        expect(outcome.opened).toBe(true);
        if (!outcome.opened) return;
        const reply = await new Promise<{ ok: boolean; result?: unknown }>((resolve) => {
          outcome.ws.once('message', (data) => resolve(JSON.parse(data.toString())));
          outcome.ws.send(JSON.stringify({ type: 'call', id: 1, method: 'conversation.list', input: {} }));
        });
        expect(reply).toMatchObject({ ok: true, result: [] });
        outcome.ws.close();
        expect(host.url).toBe(site.url);
      } finally {
        await host.close();
        await core.close();
      }
    } finally {
      await site.close();
    }
  });

  it('refuses the API with 503, waiting and later requests alike, when the core cannot start', async () => {
    const site = await openHostSite({ staticDir });
    try {
      const early = openSocket(site);
      const upload = fetch(`http://127.0.0.1:${site.port}/upload`, {
        method: 'POST',
        headers: { Origin: `http://127.0.0.1:${site.port}` },
        body: 'x',
      });
      expect(await settledWithin(upload, 300)).toBe('pending');
      site.failApi();
      expect(await early.settled).toEqual({ opened: false, status: 503 });
      const refused = await upload;
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'host.not_started',
      message: expect.stringMatching(/could not start/),
    });
      expect(await openSocket(site).settled).toEqual({ opened: false, status: 503 });
      // The page itself is still served, so it can say that the app is not there.
      expect((await fetch(`http://127.0.0.1:${site.port}/`)).status).toBe(200);
    } finally {
      await site.close();
    }
  });

  it('answers only its own Host names, before the core as after', async () => {
    const site = await openHostSite({ staticDir });
    try {
      const misdirected = await new Promise<number>((resolve, reject) => {
        const request = http.get({ host: '127.0.0.1', port: site.port, path: '/', headers: { Host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        request.on('error', reject);
      });
      expect(misdirected).toBe(421);
    } finally {
      await site.close();
    }
  });
});
