// Loaded on first need (extras.ts): syntax highlighting with lowlight (the
// common highlight.js grammars) turned into React elements, never an HTML string.
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { common, createLowlight } from 'lowlight';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';

const lowlight = createLowlight(common);

const ALIASES: Record<string, string> = { sh: 'bash', shell: 'bash', zsh: 'bash', js: 'javascript', ts: 'typescript', py: 'python', yml: 'yaml', md: 'markdown', html: 'xml', tsx: 'typescript', jsx: 'javascript' };

/** Highlighted code, or null for a language we have no grammar for (shown plain). */
export function highlight(code: string, language: string): ReactNode | null {
  const name = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
  if (!lowlight.registered(name)) return null;
  return toJsxRuntime(lowlight.highlight(name, code), { Fragment, jsx, jsxs });
}
