import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppUrlToFile, serveAppRequest } from './app-files';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';

describe('resolveAppUrlToFile', () => {
  const root = path.resolve('/opt/realmultillm/dist/renderer');

  it('maps our app:// URLs to files under the renderer folder', () => {
    expect(resolveAppUrlToFile(APP_ENTRY_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrlToFile('app://realmultillm/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrlToFile('app://realmultillm', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrlToFile('app://realmultillm/assets/index-Ab12.js?v=1#x', root)).toBe(
      path.join(root, 'assets/index-Ab12.js'),
    );
    expect(resolveAppUrlToFile('app://realmultillm/assets/my%20font.woff2', root)).toBe(
      path.join(root, 'assets/my font.woff2'),
    );
  });

  it('refuses every way of climbing out of the renderer folder', () => {
    const attempts = [
      'app://realmultillm/%2e%2e%2fsecret',
      'app://realmultillm/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://realmultillm/%2F..%2F..%2Fetc%2Fpasswd',
      'app://realmultillm/..%5C..%5Csecret',
      'app://realmultillm/a\\..\\..\\secret',
      'app://realmultillm/index.html%00.png',
      'app://realmultillm/%E0%A4%A',
    ];
    for (const url of attempts) expect(resolveAppUrlToFile(url, root), url).toBeNull();
  });

  it('refuses Windows drive and UNC paths under Windows path rules', () => {
    const winRoot = 'C:\\Program Files\\RealMultiLLM\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppUrlToFile('app://realmultillm/assets/a.js', winRoot, path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    for (const url of [
      'app://realmultillm/C:/Windows/win.ini',
      'app://realmultillm/C:%2FWindows%2Fwin.ini',
      'app://realmultillm/%5C%5Cserver%5Cshare%5Cx',
      'app://realmultillm/..%5C..%5Cx',
    ]) {
      expect(resolveAppUrlToFile(url, winRoot, path.win32), url).toBeNull();
    }
  });

  it('refuses URLs that are not our app:// origin', () => {
    for (const url of [
      'file:///etc/passwd',
      'https://realmultillm/index.html',
      'app://other/index.html',
      'app://realmultillm:8080/index.html',
      'app://user@realmultillm/index.html',
      'not a url',
    ]) {
      expect(resolveAppUrlToFile(url, root), url).toBeNull();
    }
  });
});

describe('isAppUrl', () => {
  it('accepts our origin whatever the case of its host, and nothing else', () => {
    expect(isAppUrl('app://realmultillm/index.html')).toBe(true);
    expect(isAppUrl('app://RealMultiLLM/index.html')).toBe(true);
    expect(isAppUrl('app://realmultillm.evil.example/')).toBe(false);
    expect(isAppUrl('app:realmultillm')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('mimeType', () => {
  it('names the types the renderer build produces', () => {
    expect(mimeType('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('assets/index-x.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('assets/index-x.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeType('icon.svg')).toBe('image/svg+xml');
    expect(mimeType('font.woff2')).toBe('font/woff2');
    expect(mimeType('unknown.bin')).toBe('application/octet-stream');
  });
});

describe('serveAppRequest', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-app-files-'));
    root = path.join(base, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>RealMultiLLM</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1);');
    // A file beside the renderer folder whose name starts like it: a prefix check
    // without the separator would let "renderer-secret" through.
    fs.writeFileSync(path.join(base, 'renderer-secret.txt'), 'secret');
    fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
  });

  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('serves index.html with its type and the strict Content-Security-Policy', async () => {
    const response = await serveAppRequest({ method: 'GET', url: APP_ENTRY_URL }, root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>RealMultiLLM</title>');
  });

  it('sends exactly the policy the app relies on', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('serves scripts as JavaScript so module scripts load', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://realmultillm/assets/app.js' }, root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1);');
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest({ method: 'HEAD', url: APP_ENTRY_URL }, root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(fs.statSync(path.join(root, 'index.html')).size));
    expect(await response.text()).toBe('');
  });

  it('refuses files outside the renderer folder with 404 and still sends the policy', async () => {
    for (const url of [
      'app://realmultillm/%2e%2e/secret.txt',
      'app://realmultillm/..%2frenderer-secret.txt',
      'app://realmultillm/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const response = await serveAppRequest({ method: 'GET', url }, root);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await serveAppRequest({ method: 'GET', url: 'app://realmultillm/nope.js' }, root)).status).toBe(404);
    expect((await serveAppRequest({ method: 'GET', url: 'app://realmultillm/assets' }, root)).status).toBe(404);
    expect((await serveAppRequest({ method: 'GET', url: 'app://realmultillm/assets/' }, root)).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serveAppRequest({ method: 'POST', url: APP_ENTRY_URL }, root);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
