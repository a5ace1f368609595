import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, DEFAULT_PORT, parseOptions, UsageError } from './options';

describe('the command line', () => {
  it('defaults to 127.0.0.1, port 8787 and the per-user data folder, with SQLite', () => {
    const options = parseOptions([], { XDG_DATA_HOME: '/data' });
    expect(options).toMatchObject({ host: '127.0.0.1', port: DEFAULT_PORT, databaseUrl: undefined, trustProxy: false });
    expect(options.dataDir).toBe(path.resolve(defaultDataDir({ XDG_DATA_HOME: '/data' })));
  });

  it('reads every option and DATABASE_URL', () => {
    const options = parseOptions(['--port', '0', '--host', '0.0.0.0', '--data-dir', 'x', '--public-url', 'https://sync.example.com', '--trust-proxy'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rmllm',
    });
    expect(options).toMatchObject({ port: 0, host: '0.0.0.0', dataDir: path.resolve('x'), publicUrl: 'https://sync.example.com', trustProxy: true, databaseUrl: 'postgres://postgres@127.0.0.1:5432/rmllm' });
  });

  it('refuses a bad port, an unknown option, a public address without a scheme and a DATABASE_URL that is not PostgreSQL, saying why', () => {
    expect(() => parseOptions(['--port', '70000'], {})).toThrow(/--port must be a whole number/);
    expect(() => parseOptions(['--colour'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--public-url', 'sync.example.com'], {})).toThrow(/must start with http/);
    expect(() => parseOptions([], { DATABASE_URL: 'mysql://x' })).toThrow(/PostgreSQL address/);
  });

  it('keeps data where each system keeps an application’s data', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe(path.join('/home/ada', '.local', 'share', 'realmultillm-server'));
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe(path.join('/Users/ada', 'Library', 'Application Support', 'RealMultiLLM Server'));
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada')).toContain('RealMultiLLM Server');
  });
});
