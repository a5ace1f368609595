import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from './static-files';

const root = path.resolve('/srv/app/renderer');

describe('static files', () => {
  it('serves index.html for / and files under the root', () => {
    expect(resolveStaticFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/app.js?v=1')).toBe(path.join(root, 'assets/app.js'));
  });

  it('refuses anything that leaves the root', () => {
    for (const p of ['/../secret', '/%2e%2e/secret', '/assets/../../x', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticFile(root, p)).toBeNull();
    }
  });
});
