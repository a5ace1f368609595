// Every rule here has a test in eslint/*.test.ts that lints a breaking file and
// expects the failure. The layers and their reasons: docs/ARCHITECTURE.md.
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';
import { ZOD_MODULE_IMPORT } from './eslint/zod-free.js';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**', '.tmp/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { layers },
    languageOptions: {
      // Every TypeScript file belongs to one of the tsconfig.*.json projects that
      // tsconfig.json references; the project service finds it there.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'layers/import-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its rejection: the user sees nothing, or the process dies.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-console': 'off',
    },
  },
  {
    // Scripts and configs in plain JavaScript are in no tsconfig: lint them without types.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      // Model output is untrusted: never inject it as HTML.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name=/^(dangerouslySetInnerHTML|srcDoc)$/]",
          message: 'Never render raw HTML: model output is untrusted.',
        },
        {
          selector: 'AssignmentExpression[left.property.name=/^(inner|outer)HTML$/], AssignmentExpression[left.property.value=/^(inner|outer)HTML$/]',
          message: 'Never assign innerHTML or outerHTML: model output is untrusted.',
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe)$/], CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
          message: 'Never parse HTML strings into the page: model output is untrusted.',
        },
      ],
      // Modules of zod schemas bring zod (tens of milliseconds of start-up) into the
      // renderer's first bundle: take their types only, and values from the zod-free
      // modules listed in eslint/zod-free.js. (zod itself is not in the renderer's
      // package list in eslint/layers.js.)
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: ZOD_MODULE_IMPORT,
              allowTypeImports: true,
              message: 'This module of src-shared builds zod schemas; the renderer may import only its types (values only from the zod-free modules in eslint/zod-free.js).',
            },
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
