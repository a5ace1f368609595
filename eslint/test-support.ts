// A throwaway copy of the repository's lint setup (eslint.config.js, eslint/,
// package.json, the tsconfigs) in a temp folder whose name has a space in it, so
// every rule test also runs where a %-encoded path once switched the layers off.
// Snippets are written there as real files: the type-aware rules need them in a
// tsconfig project, which a file that exists only in lintText is not.
import { ESLint, type Linter } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');

export interface LintSandbox {
  root: string;
  /** Writes `code` to `file` (relative to the sandbox) and lints it with the repository's config. */
  lint(file: string, code: string): Promise<Linter.LintMessage[]>;
  /** Only the messages of one rule, as text. */
  messagesOf(rule: string, file: string, code: string): Promise<string[]>;
  remove(): void;
}

export function createLintSandbox(): LintSandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'realmultillm lint '));
  for (const name of fs.readdirSync(repo)) {
    if (/^(eslint\.config\.js|package\.json|tsconfig(\.\w+)?\.json)$/.test(name)) fs.copyFileSync(path.join(repo, name), path.join(root, name));
  }
  fs.mkdirSync(path.join(root, 'eslint'));
  for (const name of fs.readdirSync(path.join(repo, 'eslint'))) {
    if (name.endsWith('.js')) fs.copyFileSync(path.join(repo, 'eslint', name), path.join(root, 'eslint', name));
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const eslint = new ESLint({ cwd: root });

  const lint = async (file: string, code: string) => {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
    const [result] = await eslint.lintText(code, { filePath: target });
    return result!.messages;
  };
  return {
    root,
    lint,
    async messagesOf(rule, file, code) {
      const messages = await lint(file, code);
      const fatal = messages.find((m) => m.fatal);
      if (fatal) throw new Error(`${file} could not be linted: ${fatal.message}`);
      return messages.filter((m) => m.ruleId === rule).map((m) => m.message);
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
