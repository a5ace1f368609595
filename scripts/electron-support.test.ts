// The CI check that warns when the pinned Electron leaves Electron's support window
// (the latest three stable majors).
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSupport } from './electron-support.mjs';

const SCRIPT = path.join(import.meta.dirname, 'electron-support.mjs');

const PUBLISHED = [
  '40.10.2',
  '41.0.0',
  '42.0.0',
  '43.0.0',
  '43.9.1',
  '44.0.0-beta.1',
  '44.0.0',
  '44.11.5',
  '45.0.0-alpha.1',
  '45.6.1',
  '46.0.0-alpha.1',
  '46.0.0-nightly.20261201',
];

describe('electronSupport', () => {
  it('accepts a pin in the newest stable major', () => {
    expect(electronSupport('45.6.1', PUBLISHED)).toEqual({ ok: true, message: 'Electron 45 is supported (the supported majors are 45, 44, 43).' });
  });

  it('accepts a pin in the oldest of the three supported majors', () => {
    expect(electronSupport('43.9.1', PUBLISHED).ok).toBe(true);
  });

  it('warns, naming the window and the major to move to, when the pin is out of support', () => {
    const support = electronSupport('40.10.2', PUBLISHED);
    expect(support.ok).toBe(false);
    expect(support.warning).toContain('Electron 40 is out of support');
    expect(support.warning).toContain('(45, 44, 43)');
    expect(support.warning).toContain('Move package.json\'s electron to 45');
  });

  it('counts only stable releases: alphas, betas and nightlies of a next major do not move the window', () => {
    expect(electronSupport('43.0.0', PUBLISHED).ok).toBe(true);
    expect(electronSupport('42.0.0', PUBLISHED).ok).toBe(false);
  });

  it('moves the window when a new major ships', () => {
    expect(electronSupport('43.9.1', [...PUBLISHED, '46.0.0']).ok).toBe(false);
  });

  it('warns about a prerelease pin or a major with no stable release yet', () => {
    expect(electronSupport('46.0.0-alpha.1', PUBLISHED)).toMatchObject({ ok: false, warning: expect.stringContaining('not a stable release') });
    expect(electronSupport('47.0.0', PUBLISHED).ok).toBe(false);
  });

  it('reads a caret or tilde range by its major', () => {
    expect(electronSupport('^44.0.0', PUBLISHED).ok).toBe(true);
    expect(electronSupport('~41.0.0', PUBLISHED).ok).toBe(false);
  });

  it('warns about a pin that is not a version, and about a registry with no stable release', () => {
    expect(electronSupport('latest', PUBLISHED)).toMatchObject({ ok: false, warning: expect.stringContaining('not a version') });
    expect(electronSupport(undefined, PUBLISHED).ok).toBe(false);
    expect(electronSupport('45.6.1', ['46.0.0-alpha.1'])).toMatchObject({ ok: false, warning: expect.stringContaining('no stable') });
  });
});

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('electron-support.mjs in CI', () => {
  it('says the registry did not answer and exits 0 when it cannot be reached', async () => {
    const port = await closedPort();
    const run = spawnSync(process.execPath, [SCRIPT], {
      encoding: 'utf8',
      env: { ...process.env, npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_fetch_retries: '0' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Could not check whether Electron \S+ is still supported: the npm registry did not answer \(.*ECONNREFUSED.*\)\. Going on\.$/m);
  });
});
