// The modules of src-shared the renderer may take values from: they build no zod
// schema and import none, so zod (tens of milliseconds of start-up) stays out of
// the renderer's first bundle. eslint/zod-free.test.ts proves each of them is
// zod-free, following their imports; from every other module of src-shared the
// renderer takes types only.
export const ZOD_FREE_MODULES = [
  'api/channels',
  'api/error-codes',
  'api/errors',
  'catalog/kinds',
  'catalog/lookup',
  'catalog/models',
  'entities/attachment-limits',
  'entities/highlight',
  'goals/progress',
  'ids',
  'links',
  'pipelines/template',
  'sync/hlc',
];

/** Matches an import of any other module of src-shared (the folder's index included). */
export const ZOD_MODULE_IMPORT = `(^|/)src-shared(?!/(${ZOD_FREE_MODULES.join('|')})$)(/|$)`;
