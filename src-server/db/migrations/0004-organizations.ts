// Version 4: organizations with their members (owner, admin, member, auditor) and
// teams; the links an identity provider's subject has to an account; the sign-ins
// waiting for an identity provider to call back; the app version of each device;
// and invitations into an organization.
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index';

export function organizations({ bigint }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('require_sso', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('org_members')
        .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('org_members_pk', ['org_id', 'account_id'])
        .execute();
      await db.schema.createIndex('org_members_by_account').on('org_members').column('account_id').execute();
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('teams_by_org').on('teams').column('org_id').execute();
      await db.schema
        .createTable('team_members')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'account_id'])
        .execute();
      await db.schema
        .createTable('identities')
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addColumn('last_sign_in_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('identities_pk', ['provider_id', 'subject'])
        .execute();
      await db.schema
        .createTable('sso_requests')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('authorization', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('expires_at', bigint, (c) => c.notNull())
        .execute();
      await db.schema.alterTable('devices').addColumn('app_version', 'text').execute();
      await db.schema.alterTable('auth_codes').addColumn('app_version', 'text').execute();
      await db.schema.alterTable('links').addColumn('org_id', 'text').execute();
      await db.schema.alterTable('links').addColumn('org_role', 'text').execute();
    },
  };
}
