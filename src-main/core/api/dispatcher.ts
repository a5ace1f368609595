// The one door into the core: every transport hands raw (untrusted) method names and
// inputs here. A handler only ever sees input that passed its schema.
import { AppError, isMethodName, methods, type Handlers, type MethodName } from '../../../src-shared/api';
import type { UserError } from '../../../src-shared/domain';
import type { Logger } from '../log/logger';
import { describeInvalidInput, inputProblems } from '../../../src-shared/api/input-problems';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: UserError };

export type Dispatch = (method: unknown, input: unknown) => Promise<DispatchResult>;

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: new AppError('api.unknown_method', 'The app asked the core for something it does not offer.').toJSON() };
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const details = describeInvalidInput(parsed.error);
      const error = new AppError('api.invalid_input', `That request was not valid: ${details}.`).withProblems(inputProblems(parsed.error));
      return { ok: false, error: error.toJSON() };
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      const output = await handler(parsed.data);
      // Parsing the output strips fields the contract does not name, so nothing
      // extra (a key, a path) can ride along to the renderer by accident.
      return { ok: true, result: methods[method as MethodName].output.parse(output) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toJSON() };
      log.error('handler failed', { method, error });
      return {
        ok: false,
        error: new AppError(
          'internal',
          'Something went wrong inside the app. Try again; if it keeps happening, the log in the data folder says more.',
        ).toJSON(),
      };
    }
  };
}
