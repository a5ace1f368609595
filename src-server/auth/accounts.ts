// Accounts: each is made with its personal space (it owns it), in one transaction.
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../../src-shared/ids';
import type { Tables } from '../db/tables';

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string | null;
  admin: boolean;
}

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  personalSpaceId: string;
}

export async function createAccount(trx: Transaction<Tables>, account: NewAccount, now: number): Promise<AccountRow> {
  const id = uuidv7(now);
  const space = uuidv7(now);
  await trx.insertInto('spaces').values({ id: space, name: account.name, kind: 'personal', created_at: now }).execute();
  await trx
    .insertInto('accounts')
    .values({
      id,
      email: account.email,
      name: account.name,
      password_hash: account.passwordHash,
      admin: account.admin ? 1 : 0,
      personal_space_id: space,
      created_at: now,
    })
    .execute();
  await trx.insertInto('members').values({ space_id: space, account_id: id, role: 'owner', created_at: now }).execute();
  return { id, email: account.email, name: account.name, admin: account.admin, personalSpaceId: space };
}

export async function findAccountByEmail(db: Kysely<Tables>, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function hasAdmin(db: Kysely<Tables>): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('admin', '=', 1).limit(1).executeTakeFirst()) !== undefined;
}
