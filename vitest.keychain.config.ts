// The keychain tests, run only through `npm run test:keychain`, which wraps them in
// scripts/with-keyring.mjs (a private gnome-keyring on Linux, a throwaway
// service name elsewhere). The unit run excludes **/*.keychain.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/core/vault/**/*.keychain.test.ts'],
    // keytar is a native addon: keep it out of worker threads, one file at a time,
    // since all files share the one keyring.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
