// Snippet highlight markers: private-use characters, so the UI can split on them
// without parsing HTML. Apart from search.ts so the renderer's bundle needs no zod.
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';
