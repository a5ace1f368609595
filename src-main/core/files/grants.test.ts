import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileGrants, GRANT_TTL_MS } from './grants';

const folders: string[] = [];
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-grants-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('file grants', () => {
  it('are 256-bit random tokens, each bound to the resolved path and its access, told by name', () => {
    const grants = new FileGrants();
    const first = grants.grantWrite('/home/me/Documents/../Documents/all.md');
    const second = grants.grantWrite('/home/me/Documents/all.md');
    expect(first.grant).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.grant, 'base64url')).toHaveLength(32);
    expect(first.grant).not.toBe(second.grant);
    expect(first.name).toBe('all.md');
    expect(grants.take(first.grant, 'write')).toMatchObject({ path: path.resolve('/home/me/Documents/all.md'), access: 'write', deleteAfter: false });
  });

  it('are taken once only, whatever the first use was', () => {
    const grants = new FileGrants();
    const { grant } = grants.grantRead('/data/conversations.json');
    grants.take(grant, 'read');
    expect(() => grants.take(grant, 'read')).toThrow(expect.objectContaining({ code: 'transfer.not_granted' }));
    const wrong = grants.grantRead('/data/conversations.json');
    expect(() => grants.take(wrong.grant, 'write')).toThrow(expect.objectContaining({ code: 'transfer.not_granted' }));
    expect(() => grants.take(wrong.grant, 'read')).toThrow(expect.objectContaining({ code: 'transfer.not_granted' }));
  });

  it('refuse a token never minted', () => {
    const grants = new FileGrants();
    grants.grantRead('/data/a.json');
    for (const forged of ['', 'x', '/data/a.json', 'A'.repeat(43)]) {
      expect(() => grants.take(forged, 'read')).toThrow(expect.objectContaining({ code: 'transfer.not_granted' }));
    }
  });

  it('expire after ten minutes, and say so', () => {
    const time = clock();
    const grants = new FileGrants({ now: time.now });
    const fresh = grants.grantRead('/data/a.json');
    const stale = grants.grantRead('/data/b.json');
    time.advance(GRANT_TTL_MS - 1);
    expect(grants.take(fresh.grant, 'read').name).toBe('a.json');
    time.advance(1);
    expect(() => grants.take(stale.grant, 'read')).toThrow(expect.objectContaining({ code: 'transfer.grant_expired', params: { minutes: 10 } }));
  });

  it('delete the copy the app made when its grant expires unused, or when the core closes', () => {
    const folder = tempFolder();
    const time = clock();
    const grants = new FileGrants({ now: time.now });
    const upload = path.join(folder, 'upload.json');
    const later = path.join(folder, 'later.json');
    const users = path.join(folder, 'users-own.json');
    for (const file of [upload, later, users]) fs.writeFileSync(file, '[]');
    grants.grantRead(upload, { deleteAfter: true });
    grants.grantRead(users);
    time.advance(GRANT_TTL_MS);
    grants.grantRead(later, { deleteAfter: true });
    expect(fs.existsSync(upload)).toBe(false);
    expect(fs.existsSync(later)).toBe(true);
    grants.clear();
    expect(fs.existsSync(later)).toBe(false);
    expect(fs.existsSync(users)).toBe(true);
  });

  it('are only minted for full paths', () => {
    expect(() => new FileGrants().grantWrite('relative/all.md')).toThrow(/full path/);
  });
});
