// The desktop app end to end, through the real Electron shell: the same path as the
// browser-host test (add a provider, send, see the streamed reply, relaunch, find
// the conversation), plus proof that the window cannot be taken elsewhere. Runs
// where Electron's runtime is installed; elsewhere it says plainly that it did not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type {} from '../src-preload/api';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir } from './support/host';

const root = path.resolve(import.meta.dirname, '..');
const API_KEY = 'sk-e2e-electron-4f9c2a7d1b8e';

const NOT_INSTALLED =
  'Electron runtime not installed (its binary comes from GitHub, unreachable here); the browser-host e2e covers this path';
const NO_DISPLAY =
  'No display for Electron (DISPLAY and WAYLAND_DISPLAY are unset); run the tests under xvfb-run to include the desktop app';

/** The Electron binary, downloaded once if it can be, as `npm start` gets it (scripts/electron-runtime.mjs). */
function electronBinary(): string | null {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/electron-runtime.mjs')], { cwd: root, encoding: 'utf8' });
  const binary = result.stdout.trim();
  return result.status === 0 && fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const skipReason: string | null = !binary
  ? NOT_INSTALLED
  : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? NO_DISPLAY
    : null;

function skipUnlessRunnable(): string {
  if (skipReason || !binary) {
    console.log(skipReason);
    test.skip(true, skipReason ?? NOT_INSTALLED);
  }
  return binary!;
}

/** better-sqlite3 and keytar are built for one runtime at a time (see scripts/native-modules.mjs). */
function nativeModulesFor(runtime: 'electron' | 'node'): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/native-modules.mjs'), runtime], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`Rebuilding native modules for ${runtime} failed; see the output above.`);
}

function launch(executablePath: string, dataDir: string): Promise<ElectronApplication> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return electron.launch({
    executablePath,
    args: [root],
    cwd: root,
    env: { ...env, REALMULTILLM_DATA_DIR: dataDir },
  });
}

test.describe('desktop app (Electron)', () => {
  let rebuilt = false;

  test.beforeAll(() => {
    if (skipReason) return;
    test.setTimeout(10 * 60_000);
    if (!fs.existsSync(path.join(root, 'dist/main/electron.js'))) {
      throw new Error('dist/main/electron.js is missing: run `npm run build` first.');
    }
    nativeModulesFor('electron');
    rebuilt = true;
  });

  // The browser-host tests and unit tests need the Node builds back.
  test.afterAll(() => {
    if (!rebuilt) return;
    test.setTimeout(10 * 60_000);
    nativeModulesFor('node');
  });

  test('adds a provider, streams a reply, and finds the conversation after a relaunch', async () => {
    const executablePath = skipUnlessRunnable();
    test.setTimeout(120_000);
    const dataDir = makeDataDir('electron');
    const provider = await startProviderServer({ apiKey: API_KEY });
    const text = 'Hello from the desktop app';
    try {
      let app = await launch(executablePath, dataDir);
      let page = await app.firstWindow();

      // Our app:// page, with the bridge and nothing else from the preload.
      await expect(page).toHaveURL(/^app:\/\/realmultillm\//);
      expect(await page.evaluate(() => Object.keys(window.realmultillm ?? {}).sort())).toEqual(['call', 'on']);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

      await page.getByRole('button', { name: 'Providers' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Local echo');
      await page.getByLabel('Base URL', { exact: true }).fill(provider.url);
      await page.getByLabel('API key', { exact: true }).fill(API_KEY);
      await page.getByLabel('Model', { exact: true }).fill('echo');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText(/^Saved/)).toBeVisible();
      // The provider form is a modal dialog: the composer behind it is inert until it closes.
      await page.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByText(`You said: ${text}`)).toBeVisible();
      await app.close();

      app = await launch(executablePath, dataDir);
      page = await app.firstWindow();
      const conversation = page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: text });
      await expect(conversation).toBeVisible();
      await conversation.click();
      await expect(page.getByText(`You said: ${text}`)).toBeVisible();
      await app.close();
    } finally {
      await provider.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('keeps the window on our page: no navigation away, no new windows', async () => {
    const executablePath = skipUnlessRunnable();
    const dataDir = makeDataDir('electron-nav');
    const app = await launch(executablePath, dataDir);
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL(/^app:\/\/realmultillm\//);
      const appUrl = page.url();
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));

      // Neither a page script nor a link can move the window off app://. (.invalid
      // never resolves: were the guard missing, an error page would replace ours.)
      await page.evaluate(() => {
        window.location.href = 'https://example.invalid/';
      });
      await page.evaluate(() => {
        const link = document.createElement('a');
        link.href = 'file:///etc/hosts';
        document.body.append(link);
        link.click();
      });
      // window.open is denied; a non-http(s) URL is not even handed to the OS.
      expect(await page.evaluate(() => window.open('file:///etc/hosts') === null)).toBe(true);

      // Proving that nothing happens needs a moment for anything to happen.
      await page.waitForTimeout(1_500);
      expect(navigations).toEqual([]);
      expect(page.url()).toBe(appUrl);
      expect(app.windows()).toHaveLength(1);
      // Permissions are denied, even to our own page.
      const geolocation = await page.evaluate(
        () =>
          new Promise<string>((resolve) =>
            navigator.geolocation.getCurrentPosition(
              () => resolve('granted'),
              (error) => resolve(error.code === error.PERMISSION_DENIED ? 'denied' : `error ${error.code}`),
              { timeout: 5_000 },
            ),
          ),
      );
      expect(geolocation).toBe('denied');
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
