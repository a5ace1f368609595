import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'scripts/**/*.test.ts', 'eslint/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.keychain.test.ts', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
