// What the core writes in the data folder is the user's alone: the database and
// its -wal, backups and logs are 0600 in 0700 folders, and a data folder others
// can read is named in the log. (POSIX modes: not on Windows.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from './app';
import { dataPaths } from './paths';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

async function coreIn(dataDir: string): Promise<Core> {
  const core = await createCore({ dataDir, transport: 'browser' });
  cores.push(core);
  return core;
}

describe('uploads never imported', () => {
  it('are deleted at the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-private-'));
    dirs.push(dataDir);
    const { uploads } = dataPaths(dataDir);
    fs.mkdirSync(uploads, { recursive: true });
    fs.writeFileSync(path.join(uploads, 'left-over.json'), '{"conversations": []}');
    await coreIn(dataDir);
    expect(fs.existsSync(uploads)).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('files in the data folder', () => {
  it('are created readable by the user alone, whatever the umask', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-private-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const umask = process.umask(0o022);
    try {
      const core = await coreIn(dataDir);
      const created = await core.dispatch('backup.create', {});
      expect(created.ok).toBe(true);
      const paths = dataPaths(dataDir);
      const backup = (created as { result: { path: string } }).result.path;
      expect({
        dataDir: modeOf(dataDir),
        database: modeOf(paths.database),
        wal: modeOf(`${paths.database}-wal`),
        backups: modeOf(path.dirname(backup)),
        backup: modeOf(backup),
        logs: modeOf(paths.logs),
        log: modeOf(path.join(paths.logs, 'core.log')),
      }).toEqual({ dataDir: '700', database: '600', wal: '600', backups: '700', backup: '600', logs: '700', log: '600' });
    } finally {
      process.umask(umask);
    }
  });

  it('makes an existing database readable by the user alone', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-private-'));
    dirs.push(dataDir);
    await (await coreIn(dataDir)).close();
    cores.pop();
    fs.chmodSync(dataPaths(dataDir).database, 0o644);
    await coreIn(dataDir);
    expect(modeOf(dataPaths(dataDir).database)).toBe('600');
  });

  it('warns in the log when others can read the data folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-private-'));
    dirs.push(dataDir);
    fs.chmodSync(dataDir, 0o755);
    await (await coreIn(dataDir)).close();
    cores.pop();
    const log = fs.readFileSync(path.join(dataPaths(dataDir).logs, 'core.log'), 'utf8');
    expect(log).toMatch(/"level":"warn","message":"other users of this computer can read the data folder/);
  });
});
