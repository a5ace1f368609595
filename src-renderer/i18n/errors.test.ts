// Every code the core may send has a wording in every language, and each wording
// uses exactly the params its code declares (src-shared/api/error-codes.ts).
import { describe, expect, it } from 'vitest';
import { ERROR_PARAMS, ERROR_WORDS, type ErrorCode } from '../../src-shared/api/error-codes';
import { describeError } from './errors';
import { LANGUAGES } from './index';
import { errors as de } from './locales/de/errors';
import { errors as en } from './locales/en/errors';

const tables = { en, de };
const codes = Object.keys(ERROR_PARAMS) as ErrorCode[];
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('error wordings', () => {
  it('has a table for every language', () => {
    expect(Object.keys(tables).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const [language, table] of Object.entries(tables)) {
    it(`${language} words every code with exactly the params it declares`, () => {
      expect(Object.keys(table.codes).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        expect(placeholders(table.codes[code]), code).toEqual([...new Set<string>(ERROR_PARAMS[code])].sort());
      }
    });

    it(`${language} has a word for every word a param may hold`, () => {
      for (const [list, words] of Object.entries(ERROR_WORDS)) {
        expect(Object.keys(table.words[list as keyof typeof ERROR_WORDS]).sort(), list).toEqual([...words].sort());
      }
      expect(placeholders(table.said)).toEqual(['said']);
    });
  }

  it('translates German apart from names and addresses', () => {
    const same = codes.filter((code) => de.codes[code] === en.codes[code]);
    expect(same).toEqual([]);
  });
});

describe('describeError', () => {
  const unreachable = {
    code: 'provider.unreachable',
    message: 'Could not reach 127.0.0.1:9 (connection refused). Check the base URL and that the server is running.',
    params: { host: '127.0.0.1:9', cause: 'refused' },
  };

  it('words an error in the chosen language, its closed words translated', () => {
    expect(describeError(unreachable, 'de')).toBe('127.0.0.1:9 ist nicht erreichbar (Verbindung abgelehnt). Prüfe die Basis-URL und ob der Server läuft.');
    expect(describeError(unreachable, 'en')).toBe(unreachable.message);
  });

  it('shows the other side’s words as they came, after the wording', () => {
    const error = { code: 'provider.auth', message: 'x', params: { host: 'api.example.com', status: 401, said: '<b>Incorrect key</b>' } };
    expect(describeError(error, 'de')).toMatch(/^api\.example\.com hat den API-Schlüssel abgelehnt \(HTTP 401\)\..* „<b>Incorrect key<\/b>“$/);
  });

  it('writes numbers the way the language does', () => {
    const error = { code: 'reply.too_long', message: 'x', params: { max: 200000 } };
    expect(describeError(error, 'de')).toMatch(/^Die Antwort hat 200\.000 Zeichen/);
    expect(describeError(error, 'en')).toMatch(/^The reply passed 200,000 characters/);
  });

  it('falls back to the core’s message for an unknown code or missing params', () => {
    expect(describeError({ code: 'from.a.newer.version', message: 'Newer words.', params: {} }, 'de')).toBe('Newer words.');
    expect(describeError({ code: 'provider.unreachable', message: 'Stored before params.', params: {} }, 'de')).toBe('Stored before params.');
  });

  it('shows a generic sentence when there is no error to word', () => {
    expect(describeError(null, 'de')).toBe(de.unknown);
  });
});
