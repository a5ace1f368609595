// What zod found wrong with a request, as problem codes (api/error-codes.ts) the
// renderer words in the user's language. zod's own English stays in the error's
// `message`, a developer detail for logs and tests, never shown as the sentence.
import type { ZodError } from 'zod';
import type { ProblemCode } from './error-codes';
import type { ErrorProblem } from '../domain';

type Issue = ZodError['issues'][number];

const MAX_PROBLEMS = 3;

function problemOf(issue: Issue): { code: ProblemCode; params: ErrorProblem['params'] } {
  switch (issue.code) {
    case 'invalid_type':
      return { code: /received undefined$/.test(issue.message) ? 'input.missing' : 'input.wrong_type', params: {} };
    case 'too_small': {
      const min = Number(issue.minimum);
      const counted = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      if (counted && min <= 1) return { code: 'input.empty', params: {} };
      if (issue.origin === 'string') return { code: 'input.too_short', params: { min } };
      if (counted) return { code: 'input.too_few', params: { min } };
      return { code: issue.inclusive === false ? 'input.not_above' : 'input.too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'input.too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'input.too_many', params: { max } };
      return { code: issue.inclusive === false ? 'input.not_below' : 'input.too_big', params: { max } };
    }
    case 'invalid_value':
      return { code: 'input.not_one_of', params: { allowed: issue.values.map((value) => JSON.stringify(value)).join(', ') } };
    case 'invalid_format':
      // The format's name (uuid, regex) means nothing to a user.
      return { code: 'input.bad_format', params: {} };
    case 'unrecognized_keys':
      return { code: 'input.unknown_fields', params: { names: issue.keys.join(', ') } };
    default:
      // A schema's own check (refine): its text is English, so it stays in the message.
      return { code: 'input.invalid', params: {} };
  }
}

export function inputProblems(error: ZodError): ErrorProblem[] {
  return error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({ path: issue.path.map(String).join('.'), ...problemOf(issue) }));
}

/** zod's words, for the message (logs and developers). */
export function describeInvalidInput(error: ZodError): string {
  const parts = error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'input';
    return `${where} ${issue.message}`;
  });
  return parts.join('; ');
}
