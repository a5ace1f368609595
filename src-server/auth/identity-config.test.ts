import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../cli/options';
import { ConfigError, identityConfigFrom, loadIdentityConfig } from './identity-config';

const SECRET = 'kc-secret-5f1d8a93c0b2';

const provider = (overrides: Record<string, unknown> = {}) => ({
  id: 'acme-keycloak',
  label: 'Acme Keycloak',
  issuer: 'https://sso.acme.example/realms/acme',
  clientId: 'realmultillm',
  clientSecretEnv: 'ACME_SECRET',
  ...overrides,
});
const config = (providerOverrides: Record<string, unknown> = {}, orgOverrides: Record<string, unknown> = {}) => ({
  organizations: [{ id: 'acme', name: 'Acme', domains: [{ domain: 'Acme.Example' }], identityProviders: [provider(providerOverrides)], ...orgOverrides }],
});

describe('the identity configuration (--config)', () => {
  it('reads organizations, domain rules and providers, with defaults, and takes the secret from the environment', () => {
    const identity = identityConfigFrom(config({ roles: { 'rmllm-admins': 'admin' } }), { env: { ACME_SECRET: SECRET } });
    expect(identity.organizations[0]!.domains).toEqual([{ domain: 'acme.example', role: 'member' }]);
    const [first] = identity.providers;
    expect(first).toMatchObject({ id: 'acme-keycloak', orgId: 'acme', scopes: ['openid', 'email', 'profile'], groupsClaim: 'groups', roles: { 'rmllm-admins': 'admin' } });
    expect(first!.secret()).toBe(SECRET);
    // The secret is behind a function: serialising the configuration (a log line) does not carry it.
    expect(JSON.stringify(identity)).not.toContain(SECRET);
  });

  it('takes a secret from a file beside the config, and a provider without one is a public client', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-config-'));
    try {
      fs.writeFileSync(path.join(dir, 'secret.txt'), `${SECRET}\n`);
      fs.writeFileSync(path.join(dir, 'server.json'), JSON.stringify(config({ clientSecretEnv: undefined, clientSecretFile: 'secret.txt' })));
      expect(loadIdentityConfig(path.join(dir, 'server.json'), {}).providers[0]!.secret()).toBe(SECRET);
      expect(identityConfigFrom(config({ clientSecretEnv: undefined })).providers[0]!.secret()).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what cannot work, saying why, and never quotes a secret', () => {
    const refusal = (raw: unknown, env: NodeJS.ProcessEnv = { ACME_SECRET: SECRET }) => {
      try {
        identityConfigFrom(raw, { env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(config(), {})).toMatch(/ACME_SECRET, which is not set/);
    expect(refusal(config({ issuer: 'http://sso.acme.example' }))).toMatch(/issuer must be https/);
    expect(refusal(config({ scopes: ['email'] }))).toMatch(/scopes must include openid/);
    expect(refusal(config({ roles: { admins: 'owner' } }))).toMatch(/roles/);
    expect(refusal(config({}, { id: 'Not An Id' }))).toMatch(/organizations\.0\.id/);
    expect(refusal(config({ clientSecretFile: 'x' }))).toMatch(/not both/);
    expect(refusal({ organizations: [...config().organizations, { ...config().organizations[0], id: 'other' }] })).toMatch(/same id/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-config-'));
    try {
      fs.writeFileSync(path.join(dir, 'server.json'), `{"organizations": [${JSON.stringify(SECRET)} oops`);
      expect(() => loadIdentityConfig(path.join(dir, 'server.json'))).toThrow(/not valid JSON/);
      try {
        loadIdentityConfig(path.join(dir, 'server.json'));
      } catch (error) {
        expect((error as Error).message).not.toContain(SECRET);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is given with --config', () => {
    expect(parseOptions(['--config', 'server.json'], {}).config).toBe(path.resolve('server.json'));
    expect(parseOptions([], {}).config).toBeUndefined();
  });
});
