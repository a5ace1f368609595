import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './paths';

describe('the default data folder', () => {
  it("is the OS application-data folder, as Electron's userData", () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe(path.join('/home/ada', '.config', 'RealMultiLLM'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ada')).toBe(path.join('/cfg', 'RealMultiLLM'));
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe(path.join('/Users/ada', 'Library', 'Application Support', 'RealMultiLLM'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe(
      path.join('C:\\Users\\ada\\AppData\\Roaming', 'RealMultiLLM'),
    );
  });

  it('is overridden by REALMULTILLM_DATA_DIR', () => {
    expect(defaultDataDir({ REALMULTILLM_DATA_DIR: '/data/rml' }, 'linux', '/home/ada')).toBe('/data/rml');
  });
});
