// The identity configuration: organizations, their e-mail domain rules and their
// OpenID Connect providers, read from the JSON file given with --config. It is a
// file and not database rows so that client secrets never enter the database: the
// file names an environment variable or a file that holds each secret, and the
// secret is read once at start and kept in memory only (never logged, never sent).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Email, OrgId, OrgRole } from '../../src-shared/sync/wire';

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name like example.com');

const JoinRole = OrgRole.exclude(['owner']);

const ProviderConfig = z
  .strictObject({
    /** Stable: accounts are linked to (provider id, subject). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
    /** The button on the sign-in page: "Sign in with <label>". */
    label: z.string().trim().min(1).max(80),
    issuer: z.url(),
    clientId: z.string().min(1).max(500),
    /** The name of an environment variable that holds the client secret. */
    clientSecretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
    /** A file that holds the client secret (relative to the config file). */
    clientSecretFile: z.string().min(1).optional(),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/)).default(['openid', 'email', 'profile']),
    /** The ID token or userinfo claim that lists the person's groups (or roles). */
    groupsClaim: z.string().min(1).max(200).default('groups'),
    /** Group (or role) name at the provider -> role in the organization; the highest wins. */
    roles: z.record(z.string().min(1), JoinRole).default({}),
    /** Some providers (Entra ID) send no email_verified: trust their e-mail claim as verified. */
    trustEmail: z.boolean().default(false),
  })
  .refine((provider) => provider.scopes.includes('openid'), { message: 'scopes must include openid', path: ['scopes'] })
  .refine((provider) => !(provider.clientSecretEnv && provider.clientSecretFile), { message: 'give clientSecretEnv or clientSecretFile, not both', path: ['clientSecretFile'] })
  .refine(
    (provider) => {
      const url = new URL(provider.issuer);
      return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    },
    { message: 'the issuer must be https (plain http only on this computer, for testing)', path: ['issuer'] },
  );

const OrganizationConfig = z.strictObject({
  id: OrgId,
  name: z.string().trim().min(1).max(200),
  /** Becomes the owner when that account exists and the organization has none yet. */
  owner: Email.optional(),
  /** Whoever signs in through one of this organization's providers with an address at a domain joins it. */
  domains: z.array(z.strictObject({ domain: Domain, role: JoinRole.default('member') })).default([]),
  identityProviders: z.array(ProviderConfig).default([]),
});

export const IdentityConfigFile = z
  .strictObject({ organizations: z.array(OrganizationConfig).default([]) })
  .refine(
    (config) => {
      const ids = config.organizations.flatMap((org) => org.identityProviders.map((provider) => provider.id));
      return new Set(ids).size === ids.length;
    },
    { message: 'two identity providers have the same id', path: ['organizations'] },
  )
  .refine((config) => new Set(config.organizations.map((org) => org.id)).size === config.organizations.length, {
    message: 'two organizations have the same id',
    path: ['organizations'],
  });

export type OrganizationConfig = z.infer<typeof OrganizationConfig>;

/** A provider as the server uses it: its secret is reachable only through `secret()`. */
export interface IdentityProvider {
  id: string;
  label: string;
  orgId: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  groupsClaim: string;
  roles: Record<string, Exclude<OrgRole, 'owner'>>;
  trustEmail: boolean;
  /** undefined: a public client (PKCE only). */
  secret(): string | undefined;
}

export interface IdentityConfig {
  organizations: OrganizationConfig[];
  providers: IdentityProvider[];
}

export const NO_IDENTITY: IdentityConfig = { organizations: [], providers: [] };

export class ConfigError extends Error {}

function readSecret(provider: z.infer<typeof ProviderConfig>, env: NodeJS.ProcessEnv, baseDir: string): string | undefined {
  if (provider.clientSecretEnv) {
    const value = env[provider.clientSecretEnv];
    if (!value) throw new ConfigError(`The identity provider "${provider.id}" takes its client secret from the environment variable ${provider.clientSecretEnv}, which is not set.`);
    return value;
  }
  if (provider.clientSecretFile) {
    const file = path.resolve(baseDir, provider.clientSecretFile);
    try {
      const value = fs.readFileSync(file, 'utf8').trim();
      if (value) return value;
    } catch {
      // Said below, without the error's text (it could quote the file).
    }
    throw new ConfigError(`The identity provider "${provider.id}" takes its client secret from ${file}, which cannot be read or is empty.`);
  }
  return undefined;
}

/** Checks a parsed config and reads its secrets. `baseDir` resolves clientSecretFile. */
export function identityConfigFrom(raw: unknown, options: { env?: NodeJS.ProcessEnv; baseDir?: string; source?: string } = {}): IdentityConfig {
  const parsed = IdentityConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${options.source ?? 'The identity configuration'} is not valid: ${issue.path.join('.') || 'the file'} ${issue.message}.`);
  }
  const env = options.env ?? process.env;
  const baseDir = options.baseDir ?? process.cwd();
  const providers = parsed.data.organizations.flatMap((org) =>
    org.identityProviders.map((provider): IdentityProvider => {
      const secret = readSecret(provider, env, baseDir);
      return {
        id: provider.id,
        label: provider.label,
        orgId: org.id,
        issuer: provider.issuer,
        clientId: provider.clientId,
        scopes: provider.scopes,
        groupsClaim: provider.groupsClaim,
        roles: provider.roles,
        trustEmail: provider.trustEmail,
        secret: () => secret,
      };
    }),
  );
  return { organizations: parsed.data.organizations, providers };
}

/** Reads the --config file. */
export function loadIdentityConfig(file: string, env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`The config file ${file} cannot be read (${(error as { code?: string }).code ?? 'error'}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // V8's message quotes the text around the fault: it stays out of the output.
    throw new ConfigError(`The config file ${file} is not valid JSON. Check it with a JSON validator.`);
  }
  return identityConfigFrom(raw, { env, baseDir: path.dirname(path.resolve(file)), source: `The config file ${file}` });
}
