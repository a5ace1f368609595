import type { UserError } from '../domain';

/**
 * An error meant for the person using the app: `message` says what happened and
 * what to do. Anything else thrown by a handler reaches the renderer as a generic
 * message, so internal details never leak.
 */
export class AppError extends Error implements UserError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): UserError {
    return { code: this.code, message: this.message };
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
