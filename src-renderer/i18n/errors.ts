// Words the core's errors in the user's language: each error names a code from
// src-shared/api/error-codes.ts and gives its params; the tables in
// locales/*/errors.ts hold one wording per code, typed so a missing one fails
// the type check. Param values are shown as plain text (React escapes them).
import {
  ERROR_PARAMS,
  ERROR_WORDS,
  isErrorCode,
  isErrorWord,
  isProblemCode,
  PROBLEM_PARAMS,
  type ErrorCode,
  type ErrorWord,
  type ErrorWordList,
  type ProblemCode,
} from '../../src-shared/api/error-codes';
import type { ErrorProblem, UserError } from '../../src-shared/domain';
import { i18n, isLanguage, type LanguageCode } from './index';
import { errors as de } from './locales/de/errors';
import { errors as en } from './locales/en/errors';

export interface ErrorTable {
  codes: Record<ErrorCode, string>;
  /** The words of the closed lists a param may hold (a connection's cause, a record's kind). */
  words: { [L in ErrorWordList]: Record<ErrorWord<L>, string> };
  /** One item of an error's `problems`, said after where it is. */
  problems: Record<ProblemCode, string>;
  /** Where a problem is: a field (`path`), the whole request, a pipeline's step (with or without a name). */
  places: { field: string; input: string; step: string; namedStep: string };
  /** Appended when the error carries the other side's own words (`said`). */
  said: string;
  /** For anything that is not an error the core worded. */
  unknown: string;
}

const TABLES: Record<LanguageCode, ErrorTable> = { en, de };

type ShownError = Pick<UserError, 'code' | 'message'> & { params?: UserError['params'] | undefined; problems?: ErrorProblem[] | undefined };

function paramText(table: ErrorTable, language: LanguageCode, name: string, value: string | number): string {
  if (name in ERROR_WORDS) {
    const list = name as ErrorWordList;
    if (isErrorWord(list, value)) return (table.words[list] as Record<string, string>)[value]!;
  }
  return typeof value === 'number' ? value.toLocaleString(language) : value;
}

/** Fills `{{name}}` for the names given only: a wording may show a literal placeholder such as {{input}}. */
function fill(table: ErrorTable, language: LanguageCode, text: string, names: readonly string[], params: UserError['params']): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (names.includes(name) && name in params ? paramText(table, language, name, params[name]!) : whole));
}

function placeOf(table: ErrorTable, language: LanguageCode, problem: ErrorProblem): string {
  const { params } = problem;
  if (typeof params.step === 'number') {
    return params.name ? fill(table, language, table.places.namedStep, ['step', 'name'], params) : fill(table, language, table.places.step, ['step'], params);
  }
  return problem.path ? fill(table, language, table.places.field, ['path'], { path: problem.path }) : table.places.input;
}

/** One problem of an error as a sentence: where, then what is wrong there. */
function describeProblem(table: ErrorTable, language: LanguageCode, problem: ErrorProblem): string {
  const known = isProblemCode(problem.code) && PROBLEM_PARAMS[problem.code].every((name) => name in problem.params);
  const code: ProblemCode = known ? (problem.code as ProblemCode) : 'input.invalid';
  const what = fill(table, language, table.problems[code], PROBLEM_PARAMS[code], problem.params);
  const place = placeOf(table, language, problem);
  return code.startsWith('template.') ? `${place}: ${what}.` : `${place} ${what}.`;
}

/** The sentence to show for an error, in the current language (or `language`). */
export function describeError(error: ShownError | null, language: string = i18n.language): string {
  const shown = isLanguage(language) ? language : 'en';
  const table = TABLES[shown];
  if (!error) return table.unknown;
  const params = error.params ?? {};
  // A code this build does not know, or one stored before errors had params: the core's own words.
  if (!isErrorCode(error.code) || !ERROR_PARAMS[error.code].every((name) => name in params)) {
    return error.message || table.unknown;
  }
  const worded = table.codes[error.code].replace(/\{\{(\w+)\}\}/g, (_, name: string) => paramText(table, shown, name, params[name]!));
  const problems = (error.problems ?? []).map((problem) => describeProblem(table, shown, problem));
  const text = [worded, ...problems].join(' ');
  const said = params.said;
  return typeof said === 'string' && said ? `${text} ${table.said.replace('{{said}}', said)}` : text;
}
