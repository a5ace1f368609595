// Every provider kind through the browser host: saved with its own settings, its
// connection tested and its models listed by the real core, against the local
// server speaking that provider's wire format.
import { expect, test } from '@playwright/test';
import { PROVIDER_KINDS } from '../src-shared/catalog/kinds';
import { startProviderServer, type FixtureKind, type ProviderServer } from './fixtures/provider-server';
import { ApiSession } from './support/api-session';
import { makeDataDir, startHost, type RunningHost } from './support/host';

const apiKey = `sk-e2e-kinds-${crypto.randomUUID()}`;
let provider: ProviderServer;
let host: RunningHost;

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  host = await startHost(makeDataDir('kinds'));
});
test.afterAll(async () => {
  await host?.stop();
  await provider?.close();
});

test('each provider kind saves, answers a connection test and lists its models', async ({ page }) => {
  await page.goto(host.url);
  const api = await ApiSession.open(page, host);
  if ((await api.call('vault.status', {})).state !== 'ready') await api.call('vault.unlock', { passphrase: 'e2e kinds passphrase' });
  const kinds = await api.call('model.kinds', {});
  expect(kinds.map((k) => k.kind).sort()).toEqual(PROVIDER_KINDS.map((k) => k.kind).sort());

  for (const { kind, key, listing } of kinds) {
    const saved = await api.call('provider.save', {
      name: `Fixture ${kind}`,
      kind,
      baseUrl: provider.urlFor(kind as FixtureKind),
      model: 'echo',
      ...(key !== 'none' && { apiKey }),
      ...(kind === 'azure' && { settings: { apiVersion: '2024-10-21' } }),
    });
    const tested = await api.call('provider.test', { id: saved.id });
    expect(tested, kind).toMatchObject({ ok: true });
    expect(tested.reply, kind).toMatch(/OK$/);
    const models = await api.call('model.list', { providerId: saved.id });
    expect(models.problem, kind).toBeNull();
    expect(models.source, kind).toBe(listing);
    if (listing === 'live') expect(models.models.map((m) => m.id), kind).toContain('echo');
    else expect(models.models.length, kind).toBeGreaterThan(0);
  }
  const listed = await api.call('provider.list', {});
  expect(listed.find((p) => p.kind === 'azure')!.settings).toEqual({ apiVersion: '2024-10-21' });
});

test('a kind that needs its own base URL says so', async ({ page }) => {
  await page.goto(host.url);
  const api = await ApiSession.open(page, host);
  await expect(api.call('provider.save', { name: 'Azure', kind: 'azure', model: 'gpt-4o' })).rejects.toMatchObject({ code: 'provider.base_url_needed' });
  const anthropic = await api.call('provider.save', { name: 'Claude', kind: 'anthropic', model: 'claude-sonnet-4-5' });
  expect(anthropic.baseUrl).toBe('https://api.anthropic.com/v1');
});
