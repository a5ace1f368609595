import { describe, expect, it } from 'vitest';
import { parseHostArgs, UsageError } from './args';

describe('start:web arguments', () => {
  it('reads --port, --data-dir, --allow-dir (any number of times) and --no-open', () => {
    expect(parseHostArgs(['--port', '4123', '--data-dir', '/tmp/x', '--no-open'])).toEqual({ port: 4123, dataDir: '/tmp/x', open: false, allowDirs: [] });
    expect(parseHostArgs(['--port=0'])).toEqual({ port: 0, dataDir: null, open: true, allowDirs: [] });
    expect(parseHostArgs(['--allow-dir', '/srv/exports', '--allow-dir=/home/me/chats']).allowDirs).toEqual(['/srv/exports', '/home/me/chats']);
  });

  it('explains a bad or unknown option', () => {
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow(UsageError);
    expect(() => parseHostArgs(['--port'])).toThrow(/needs a value/);
    expect(() => parseHostArgs(['--allow-dir'])).toThrow(/--allow-dir needs a value/);
    expect(() => parseHostArgs(['--colour'])).toThrow(/Unknown option --colour/);
  });
});
