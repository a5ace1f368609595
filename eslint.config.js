import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**', '.tmp/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { layers },
    rules: {
      'layers/import-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      // Model output is untrusted: never inject it as HTML.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never render raw HTML: model output is untrusted.',
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Never assign innerHTML: model output is untrusted.',
        },
      ],
      // Modules of zod schemas bring zod (tens of milliseconds of start-up) into the
      // renderer's first bundle: take their types only, and values from the zod-free
      // modules beside them.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'src-shared/(domain|catalog|catalog/schema|entities/(?!attachment-limits$|highlight$)[\\w-]+|api/(?!errors$)[\\w-]+)$',
              allowTypeImports: true,
              message: 'This module builds zod schemas; the renderer may import only its types (values: catalog/kinds, catalog/lookup, entities/attachment-limits, entities/highlight).',
            },
            { regex: '^zod', message: 'zod stays out of the renderer (see above).' },
          ],
        },
      ],
    },
  },
  {
    // SQLite runs only in the store's worker threads, so the main thread never waits
    // on a query and nothing else opens the database (docs/ARCHITECTURE.md, the store).
    // The folders below are the worker side of src-main/core/store; its tests may open
    // the file too. eslint/store-imports.test.ts proves the rule.
    files: ['src-main/**/*.{ts,tsx,js,mjs,cjs}', 'bench/**/*.{ts,js,mjs}'],
    ignores: [
      'src-main/core/store/{worker,writer,reader,schema,repositories,search,import,export,backup}/**',
      'src-main/core/store/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message:
                "Only the store's worker threads use SQLite (src-main/core/store: worker/, writer/, reader/, schema/, repositories/, search/, import/, export/, backup/). Elsewhere, call the store through its interfaces (core/store); see docs/ARCHITECTURE.md.",
            },
          ],
        },
      ],
    },
  },
);
