// Every code the core may send has a wording in every language, and each wording
// uses exactly the params its code declares (src-shared/api/error-codes.ts).
import { describe, expect, it } from 'vitest';
import { ERROR_PARAMS, ERROR_WORDS, PROBLEM_PARAMS, type ErrorCode, type ProblemCode } from '../../src-shared/api/error-codes';
import type { UserError } from '../../src-shared/domain';
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

    it(`${language} words every problem code with the params it declares`, () => {
      expect(Object.keys(table.problems).sort()).toEqual(Object.keys(PROBLEM_PARAMS).sort());
      for (const [code, params] of Object.entries(PROBLEM_PARAMS)) {
        for (const name of params) expect(placeholders(table.problems[code as ProblemCode]), code).toContain(name);
      }
    });
  }

  it('translates German apart from names and addresses', () => {
    const same = codes.filter((code) => de.codes[code] === en.codes[code]);
    expect(same).toEqual([]);
    const problems = Object.keys(PROBLEM_PARAMS) as ProblemCode[];
    expect(problems.filter((code) => de.problems[code] === en.problems[code])).toEqual([]);
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

  it('words each problem of a pipeline template after the error, with its step and the placeholder as typed', () => {
    const error = {
      code: 'pipeline.invalid',
      message: 'The pipeline cannot be saved: Step 1 (One): {{steps.Two}} must name an earlier step.',
      params: {},
      problems: [
        { path: 'steps.0.prompt', code: 'template.not_earlier', params: { step: 1, name: 'One', placeholder: '{{steps.Two}}' } },
        { path: 'steps.1.prompt', code: 'template.unknown_placeholder', params: { step: 2, name: '', placeholder: '{{inptu}}' } },
      ],
    };
    expect(describeError(error, 'de')).toBe(
      'Die Pipeline kann nicht gespeichert werden; korrigiere diese Platzhalter und speichere erneut. ' +
        'Schritt 1 (One): {{steps.Two}} muss einen früheren Schritt nennen. ' +
        'Schritt 2: {{inptu}} ist kein Platzhalter; verwende {{input}}, {{previous_output}} oder {{steps.NAME}}.',
    );
    expect(describeError(error, 'en')).toMatch(/^The pipeline cannot be saved; .* Step 1 \(One\): \{\{steps\.Two\}\} must name an earlier step\. Step 2: \{\{inptu\}\} is not a placeholder/);
  });

  it('words the fields of a refused request, never the schema’s English', () => {
    const error: UserError = {
      code: 'api.invalid_input',
      message: 'That request was not valid: title Too big: expected string to have <=200 characters; input Unrecognized key: "colour".',
      params: {},
      problems: [
        { path: 'title', code: 'input.too_long', params: { max: 200 } },
        { path: '', code: 'input.unknown_fields', params: { names: 'colour' } },
        { path: 'goal.target', code: 'from.a.newer.version', params: {} },
      ],
    };
    expect(describeError(error, 'de')).toBe(
      'Diese Anfrage war ungültig. „title“ ist länger als 200 Zeichen. Die Anfrage enthält Felder, die diese App nicht kennt: colour. „goal.target“ ist ungültig.',
    );
  });

  it('shows a generic sentence when there is no error to word', () => {
    expect(describeError(null, 'de')).toBe(de.unknown);
  });
});
