import type { ErrorProblem, UserError } from '../domain';
import type { ErrorCode, ErrorParams, ErrorParamValues } from './error-codes';

/** Params are optional only for a code that declares none. */
export type ParamsArgument<C extends ErrorCode> = [keyof ErrorParams<C>] extends ['said'] ? [params?: ErrorParams<C>] : [params: ErrorParams<C>];

/**
 * An error meant for the person using the app. `code` and `params` are what the
 * renderer words in the user's language (error-codes.ts); `message` is the same
 * in English, for logs. Anything else thrown by a handler reaches the renderer
 * as a generic message, so internal details never leak.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error implements UserError {
  readonly params: ErrorParamValues;
  /** What exactly was wrong (a request's fields, a pipeline's steps), each worded by the renderer. */
  problems?: ErrorProblem[];

  constructor(
    readonly code: C,
    message: string,
    ...[params]: ParamsArgument<C>
  ) {
    super(message);
    this.name = 'AppError';
    this.params = { ...params } as ErrorParamValues;
  }

  /** Rebuilds an error that crossed a boundary (a worker, the wire) as it was. */
  static revive(error: { code: ErrorCode; message: string; params: ErrorParamValues; problems?: ErrorProblem[] | undefined }): AppError {
    const revived = Object.assign(new AppError('internal', error.message), { code: error.code, params: { ...error.params } }) as AppError;
    return error.problems ? revived.withProblems(error.problems) : revived;
  }

  withProblems(problems: ErrorProblem[]): this {
    this.problems = problems.map((problem) => ({ ...problem, params: { ...problem.params } }));
    return this;
  }

  toJSON(): UserError {
    return { code: this.code, message: this.message, params: this.params, ...(this.problems && { problems: this.problems }) };
  }
}

export function isUserError(value: unknown): value is UserError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UserError).code === 'string' &&
    typeof (value as UserError).message === 'string'
  );
}
