import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOD_FREE_MODULES } from './zod-free.js';
import { createLintSandbox, type LintSandbox } from './test-support';

let sandbox: LintSandbox;
beforeAll(() => {
  sandbox = createLintSandbox();
});
afterAll(() => sandbox?.remove());

// The first lint of each tsconfig project loads its libraries: seconds, not milliseconds.
describe('no raw HTML in the renderer', { timeout: 60_000 }, () => {
  const lint = (code: string) => sandbox.messagesOf('no-restricted-syntax', 'src-renderer/view.tsx', code);

  it('fails every way of putting an HTML string into the page', async () => {
    const breaking = [
      'export const V = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n',
      'export const V = ({ html }: { html: string }) => <iframe title="x" srcDoc={html} />;\n',
      'export function put(el: HTMLElement, html: string) {\n  el.innerHTML = html;\n}\n',
      'export function put(el: HTMLElement, html: string) {\n  el.outerHTML = html;\n}\n',
      "export function put(el: HTMLElement, html: string) {\n  el['innerHTML'] = html;\n}\n",
      "export function put(el: HTMLElement, html: string) {\n  el.insertAdjacentHTML('beforeend', html);\n}\n",
      'export function put(range: Range, html: string) {\n  return range.createContextualFragment(html);\n}\n',
      'export function put(html: string) {\n  document.write(html);\n}\n',
    ];
    for (const code of breaking) expect(await lint(code), code).toEqual([expect.stringMatching(/^Never .*model output is untrusted/)]);
  });

  it('allows text and elements', async () => {
    expect(await lint('export const V = ({ text }: { text: string }) => <div title={text}>{text}</div>;\n')).toEqual([]);
    expect(await lint('export function put(el: HTMLElement, text: string) {\n  el.textContent = text;\n}\n')).toEqual([]);
  });
});

describe('no zod in the renderer', { timeout: 60_000 }, () => {
  const lint = (code: string) => sandbox.messagesOf('@typescript-eslint/no-restricted-imports', 'src-renderer/state/view.ts', code);

  it('fails a value import from a module of src-shared that builds zod schemas', async () => {
    for (const module of ['api', 'api/contract', 'api/methods/chat', 'api/methods/data', 'domain', 'catalog', 'catalog/schema', 'entities/library', '']) {
      const spec = `../../src-shared${module ? `/${module}` : ''}`;
      expect(await lint(`import { x } from '${spec}';\nexport { x };\n`), spec).toEqual([expect.stringContaining('builds zod schemas')]);
      expect(await lint(`export { x } from '${spec}';\n`), spec).toHaveLength(1);
    }
  });

  it('allows their types', async () => {
    expect(await lint("import type { MethodName } from '../../src-shared/api';\nexport type M = MethodName;\n")).toEqual([]);
    expect(await lint("import { type Goal } from '../../src-shared/entities/goals';\nexport type G = Goal;\n")).toEqual([]);
    expect(await lint("export type { ChatSendInput } from '../../src-shared/api/methods/chat';\n")).toEqual([]);
  });

  it('allows values from the zod-free modules', async () => {
    for (const module of ZOD_FREE_MODULES) {
      expect(await lint(`import * as m from '../../src-shared/${module}';\nexport { m };\n`), module).toEqual([]);
    }
  });
});
