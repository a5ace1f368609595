// Every language has every key English has, every key the code uses exists, and
// interpolations ({{name}}) are the same in each translation.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickLanguage } from './index';
import { de } from './locales/de';
import { en } from './locales/en';
import { analytics } from './locales/en/analytics';
import { chat } from './locales/en/chat';
import { compare } from './locales/en/compare';
import { library } from './locales/en/library';
import { settings } from './locales/en/settings';
import { shell } from './locales/en/shell';
import { sidebar } from './locales/en/sidebar';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

const english = flatten(en as Tree);
const languages = { de: flatten(de as Tree) };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  for (const [code, table] of Object.entries(languages)) {
    it(`${code} has exactly English's keys, each translated`, () => {
      expect([...table.keys()].sort()).toEqual([...english.keys()].sort());
      const untranslated = [...english].filter(([key, text]) => table.get(key) === text && /[a-z]{4,}/.test(text) && !/^[A-Z][a-zA-Z]+$/.test(text));
      // Names and words that are the same in both languages are few.
      expect(untranslated.length, untranslated.map(([k]) => k).join(', ')).toBeLessThan(15);
    });

    it(`${code} keeps every {{placeholder}} and <tag>`, () => {
      for (const [key, text] of english) {
        expect(placeholders(table.get(key) ?? ''), key).toEqual(placeholders(text));
        expect((table.get(key) ?? '').includes('<code>'), key).toBe(text.includes('<code>'));
      }
    });
  }

  it('has each part of the window in one file only, so merging the files loses nothing', () => {
    const keys = [shell, sidebar, chat, compare, library, analytics, settings].flatMap((part) => Object.keys(part));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(keys.sort()).toEqual(Object.keys(en).sort());
  });

  it('has every key the code asks for', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sourceFiles(root)) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        const key = match[1]!;
        const known = english.has(key) || english.has(`${key}_one`) || english.has(`${key}_other`);
        if (!known) missing.push(`${path.relative(root, file)}: ${key}`);
      }
      for (const match of source.matchAll(/i18nKey="([a-zA-Z0-9_.-]+)"/g)) if (!english.has(match[1]!)) missing.push(match[1]!);
    }
    expect(missing).toEqual([]);
  });

  it('picks the stored language, else the browser’s, else English', () => {
    expect(pickLanguage('de', ['en-US'])).toBe('de');
    expect(pickLanguage(null, ['fr-FR', 'de-AT'])).toBe('de');
    expect(pickLanguage('xx', ['ja'])).toBe('en');
  });
});
