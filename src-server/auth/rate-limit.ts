// Password attempts are limited per account and per address, in the database so
// that every replica counts the same failures. A window starts at the first
// failure; past the limit, attempts are refused until the window ends.
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables';

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export const accountKey = (accountId: string) => `account:${accountId}`;
export const addressKey = (ip: string) => `ip:${ip}`;

const limitOf = (key: string) => (key.startsWith('account:') ? MAX_FAILURES_PER_ACCOUNT : MAX_FAILURES_PER_ADDRESS);

/** When the first of `keys` that is over its limit opens again, or null when none is. */
export async function lockedUntil(db: Kysely<Tables>, keys: string[], now: number): Promise<number | null> {
  const rows = await db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keys).execute();
  let until: number | null = null;
  for (const row of rows) {
    const end = row.window_started_at + SIGN_IN_WINDOW_MS;
    if (end > now && row.failures >= limitOf(row.key)) until = Math.max(until ?? 0, end);
  }
  return until;
}

export async function recordFailure(db: Kysely<Tables>, keys: string[], now: number): Promise<void> {
  for (const key of keys) {
    await db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, window_started_at: now })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet((eb) => ({
          // A window that has ended starts again at this failure.
          failures: eb
            .case()
            .when('sign_in_failures.window_started_at', '<=', now - SIGN_IN_WINDOW_MS)
            .then(1)
            .else(eb('sign_in_failures.failures', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when('sign_in_failures.window_started_at', '<=', now - SIGN_IN_WINDOW_MS)
            .then(now)
            .else(eb.ref('sign_in_failures.window_started_at'))
            .end(),
        })),
      )
      .execute();
  }
}

export async function clearFailures(db: Kysely<Tables>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
