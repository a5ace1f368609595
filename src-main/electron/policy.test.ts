import { describe, expect, it } from 'vitest';
import {
  isAllowedExternalUrl,
  isAllowedNavigation,
  isOurMainFrame,
  isPermissionAllowed,
  secureWebPreferences,
  toExternalUrl,
  type OurWindowFacts,
  type SenderFacts,
} from './policy';

describe('external links', () => {
  it('opens http, https and mailto links, normalised', () => {
    expect(toExternalUrl('https://platform.openai.com/api-keys')).toBe('https://platform.openai.com/api-keys');
    expect(toExternalUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com');
    expect(toExternalUrl('HTTP://Example.COM/a b')).toBe('http://example.com/a%20b');
    expect(isAllowedExternalUrl('https://openrouter.ai/docs?x=1#y')).toBe(true);
  });

  it('refuses every scheme that could run or open something local', () => {
    for (const url of [
      'file:///etc/passwd',
      'file://C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://attacker.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'mailto:',
      'mailto:a@b.example,c@d.example',
      'app://realmultillm/index.html',
      'chrome://settings',
      'about:blank',
      'ftp://example.com/file',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses unparsable, credentialed, host-less and oversized links', () => {
    expect(isAllowedExternalUrl('not a url')).toBe(false);
    expect(isAllowedExternalUrl('')).toBe(false);
    expect(isAllowedExternalUrl('https://')).toBe(false);
    expect(isAllowedExternalUrl('https://bank.example@evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pass@example.com/')).toBe(false);
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBe(false);
    expect(isAllowedExternalUrl(42 as unknown as string)).toBe(false);
  });
});

describe('navigation', () => {
  it('stays on our app:// page and goes nowhere else', () => {
    expect(isAllowedNavigation('app://realmultillm/index.html')).toBe(true);
    expect(isAllowedNavigation('app://realmultillm/index.html#/settings')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5199/',
      'file:///tmp/evil.html',
      'app://other/index.html',
      'app://realmultillm.evil.example/',
      'javascript:alert(1)',
      'data:text/html,hi',
      'about:blank',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });
});

describe('isOurMainFrame', () => {
  const ours: OurWindowFacts = { webContentsId: 1, mainFrame: { processId: 4, routingId: 2 } };
  const good: SenderFacts = {
    webContentsId: 1,
    frame: { processId: 4, routingId: 2, url: 'app://realmultillm/index.html', isTop: true },
  };

  it('trusts our window main frame on our app:// page', () => {
    expect(isOurMainFrame(good, ours)).toBe(true);
  });

  it('refuses other windows, subframes, foreign pages and vanished frames', () => {
    const cases: Array<[string, SenderFacts]> = [
      ['another webContents', { ...good, webContentsId: 2 }],
      ['a subframe', { ...good, frame: { ...good.frame!, isTop: false } }],
      ['another frame of our window', { ...good, frame: { ...good.frame!, routingId: 3 } }],
      ['a frame in another process', { ...good, frame: { ...good.frame!, processId: 5 } }],
      ['a page that is not ours', { ...good, frame: { ...good.frame!, url: 'https://evil.example/' } }],
      ['a file: page', { ...good, frame: { ...good.frame!, url: 'file:///tmp/x.html' } }],
      ['a destroyed frame', { ...good, frame: null }],
    ];
    for (const [name, sender] of cases) expect(isOurMainFrame(sender, ours), name).toBe(false);
  });

  it('refuses everything when our window is gone', () => {
    expect(isOurMainFrame(good, null)).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every device, sensor and capture permission, even to our own page', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'clipboard-read',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'pointerLock',
      'fullscreen',
      'fileSystem',
      'unknown',
    ]) {
      expect(isPermissionAllowed(permission, { url: 'app://realmultillm/index.html', isMainFrame: true }), permission).toBe(
        false,
      );
    }
  });

  it("lets only our own page's main frame write sanitized text to the clipboard", () => {
    const write = 'clipboard-sanitized-write';
    expect(isPermissionAllowed(write, { url: 'app://realmultillm/index.html', isMainFrame: true })).toBe(true);
    expect(isPermissionAllowed(write, { url: 'app://realmultillm', isMainFrame: true })).toBe(true);
    expect(isPermissionAllowed(write, { url: 'app://realmultillm/index.html', isMainFrame: false })).toBe(false);
    expect(isPermissionAllowed(write, { url: 'https://evil.example', isMainFrame: true })).toBe(false);
    expect(isPermissionAllowed(write, { url: '', isMainFrame: true })).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node and no webview', () => {
    const prefs = secureWebPreferences('/app/dist/main/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
