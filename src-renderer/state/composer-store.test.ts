import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { CONVERSATION, REPLY, provider, sent, settle, setup } from './test-support';

describe('ComposerStore', () => {
  it('says so when sending with no provider, and keeps the text unsent', async () => {
    const { api, stores } = setup({ 'provider.list': () => [] });
    await settle();
    await expect(stores.composer.send('Hi')).resolves.toBe(false);
    expect(stores.composer.state.error).toMatch(/Add a provider/);
    expect(api.called('chat.send')).toEqual([]);
  });

  it('sends a message sent while the providers are still loading once they arrive', async () => {
    let answer: (providers: unknown) => void = () => {};
    const { api, stores } = setup({ 'provider.list': () => new Promise((resolve) => (answer = resolve)), 'chat.send': () => sent, 'chat.branch': () => new Promise(() => {}) });
    const sending = stores.composer.send('Hi');
    await settle();
    expect(api.called('chat.send')).toEqual([]);
    answer([provider]);
    await expect(sending).resolves.toBe(true);
    expect(api.called('chat.send')).toHaveLength(1);
    expect(stores.composer.state.error).toBeNull();
  });

  it('asks to choose a provider when providers exist but none is selected', async () => {
    const { stores } = setup({});
    await settle();
    stores.providers.select(null);
    await expect(stores.composer.send('Hi')).resolves.toBe(false);
    expect(stores.composer.state.error).toMatch(/Choose a provider/);
  });

  it('shows the sentence for the core’s error when sending fails', async () => {
    const { stores } = setup({
      'chat.send': () => {
        throw new ApiError('provider.missing', 'That provider no longer exists.');
      },
    });
    await settle();
    await expect(stores.composer.send('Hi')).resolves.toBe(false);
    expect(stores.composer.state.error).toBe('That provider no longer exists. Choose another one or add it again in Providers.');
    expect(stores.composer.state.sending).toBe(false);
  });

  it('asks to unlock the keys in place when the core refuses because they are locked', async () => {
    const { stores } = setup({
      'chat.send': () => {
        throw new ApiError('vault.locked', 'The key file is locked.');
      },
    });
    await settle();
    await expect(stores.composer.send('Hi')).resolves.toBe(false);
    expect(stores.composer.state).toMatchObject({ vaultLocked: true, error: null });
    stores.composer.dismissVaultLocked();
    expect(stores.composer.state.vaultLocked).toBe(false);
  });

  it('stops the reply being written', async () => {
    const { api, stores } = setup({ 'chat.send': () => sent, 'chat.branch': () => new Promise(() => {}), 'chat.stop': () => ({ stopped: true }) });
    await settle();
    await stores.composer.send('Hi');
    await stores.composer.stop();
    expect(api.calls.at(-1)).toEqual({ method: 'chat.stop', input: { messageId: REPLY } });
  });

  it('forgets why a message could not be sent once a provider is chosen, or another conversation opens', async () => {
    const { stores } = setup({ 'chat.branch': () => new Promise(() => {}) });
    await settle();
    stores.providers.select(null);
    await stores.composer.send('Hi');
    expect(stores.composer.state.error).not.toBeNull();
    stores.providers.select(stores.providers.state.providers[0]!.id);
    expect(stores.composer.state.error).toBeNull();

    stores.providers.select(null);
    await stores.composer.send('Hi');
    expect(stores.composer.state.error).not.toBeNull();
    void stores.thread.open(CONVERSATION);
    expect(stores.composer.state.error).toBeNull();
  });

  it('sends with the chosen persona, into the open conversation', async () => {
    const { api, stores } = setup({ 'chat.send': () => sent, 'chat.branch': () => new Promise(() => {}) });
    await settle();
    void stores.thread.open(CONVERSATION);
    const persona = '01890000-0000-7000-8000-0000000000bb';
    stores.composer.selectPersona(persona);
    await stores.composer.send('Hi');
    expect(api.called('chat.send')[0]?.input).toMatchObject({ conversationId: CONVERSATION, personaId: persona, text: 'Hi' });
  });
});
