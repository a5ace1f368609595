import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AllowedFolders } from './allowed-folders';

let base: string;
let data: string;
let chosen: string;
let outside: string;
let folders: AllowedFolders;

beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rml-allowed-')));
  data = path.join(base, 'data');
  chosen = path.join(base, 'chosen');
  outside = path.join(base, 'outside');
  for (const folder of [data, chosen, outside]) fs.mkdirSync(folder);
  fs.writeFileSync(path.join(chosen, 'in.json'), '[]');
  fs.writeFileSync(path.join(outside, 'secret.json'), '[]');
  folders = new AllowedFolders([data, chosen]);
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const refusedOutside = expect.objectContaining({ code: 'transfer.outside_folders' });

describe('allowed folders of the browser host', () => {
  it('resolve a file inside the data folder or a chosen folder to its real path', () => {
    expect(folders.resolve(path.join(chosen, 'in.json'), 'read')).toBe(path.join(chosen, 'in.json'));
    expect(folders.resolve(path.join(data, 'new.md'), 'write')).toBe(path.join(data, 'new.md'));
    expect(folders.resolve(path.join(chosen, 'sub', '..', 'in.json'), 'read')).toBe(path.join(chosen, 'in.json'));
  });

  it('refuse a path outside them, however it is spelled', () => {
    for (const access of ['read', 'write'] as const) {
      expect(() => folders.resolve(path.join(outside, 'secret.json'), access)).toThrow(refusedOutside);
      expect(() => folders.resolve(path.join(chosen, '..', 'outside', 'secret.json'), access)).toThrow(refusedOutside);
      expect(() => folders.resolve(`${chosen}/../outside/secret.json`, access)).toThrow(refusedOutside);
      // A sibling whose name starts like an allowed folder is not inside it.
      fs.mkdirSync(`${chosen}-evil`, { recursive: true });
      fs.writeFileSync(`${chosen}-evil/x.json`, '[]');
      expect(() => folders.resolve(`${chosen}-evil/x.json`, access)).toThrow(refusedOutside);
    }
    expect(() => folders.resolve(chosen, 'write')).toThrow(refusedOutside);
    expect(() => folders.resolve('/etc/passwd', 'read')).toThrow(refusedOutside);
  });

  it('refuse a symlink inside that leads outside, to a file or through a folder', () => {
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(chosen, 'link.json'));
    fs.symlinkSync(outside, path.join(chosen, 'door'));
    expect(() => folders.resolve(path.join(chosen, 'link.json'), 'read')).toThrow(refusedOutside);
    expect(() => folders.resolve(path.join(chosen, 'link.json'), 'write')).toThrow(refusedOutside);
    expect(() => folders.resolve(path.join(chosen, 'door', 'secret.json'), 'read')).toThrow(refusedOutside);
    expect(() => folders.resolve(path.join(chosen, 'door', 'new.md'), 'write')).toThrow(refusedOutside);
    expect(fs.existsSync(path.join(outside, 'new.md'))).toBe(false);
  });

  it('follow a symlink that stays inside, and count an allowed folder reached through a link as itself', () => {
    fs.symlinkSync(path.join(chosen, 'in.json'), path.join(data, 'alias.json'));
    expect(folders.resolve(path.join(data, 'alias.json'), 'read')).toBe(path.join(chosen, 'in.json'));
    const linkedRoot = path.join(base, 'linked');
    fs.symlinkSync(chosen, linkedRoot);
    expect(new AllowedFolders([linkedRoot]).resolve(path.join(linkedRoot, 'in.json'), 'read')).toBe(path.join(chosen, 'in.json'));
  });

  it('say what is wrong with a relative path, a missing file, or a missing folder', () => {
    expect(() => folders.resolve('in.json', 'read')).toThrow(expect.objectContaining({ code: 'transfer.relative-path' }));
    expect(() => folders.resolve(path.join(chosen, 'none.json'), 'read')).toThrow(expect.objectContaining({ code: 'transfer.unreadable' }));
    expect(() => folders.resolve(path.join(chosen, 'no', 'such', 'x.md'), 'write')).toThrow(expect.objectContaining({ code: 'transfer.no-folder' }));
  });

  it('cannot be made with a folder that does not exist', () => {
    expect(() => new AllowedFolders([path.join(base, 'missing')])).toThrow();
  });
});
