// Types for zod-free.js, which eslint.config.js loads as plain JavaScript.
export declare const ZOD_FREE_MODULES: readonly string[];
export declare const ZOD_MODULE_IMPORT: string;
