import { describe, expect, it, vi } from 'vitest';
import { AppError, type Handlers } from '../../../src-shared/api';
import type { Logger } from '../log/logger';
import { createDispatcher } from './dispatcher';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const providerId = '01890a5d-ac96-774b-bcce-b302099a8057';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => target[key as keyof Handlers] ?? vi.fn(async () => ({})),
  });
}

describe('the dispatcher', () => {
  it('never calls a handler whose input fails its schema', async () => {
    const send = vi.fn(async () => ({ conversationId: providerId, userMessageId: providerId, assistantMessageId: providerId }));
    const dispatch = createDispatcher(handlersWith({ 'chat.send': send }), silent);
    const cases: unknown[] = [
      undefined,
      { providerId: 'not-a-uuid', text: 'hi' },
      { providerId, text: '   ' },
      { providerId, text: 42 },
      { providerId, text: 'hi', extra: 'field' },
      'a string',
    ];
    for (const input of cases) {
      const result = await dispatch('chat.send', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('api.invalid_input');
    }
    expect(send).not.toHaveBeenCalled();
  });

  it('calls the handler with validated input (defaults applied)', async () => {
    const list = vi.fn(async () => []);
    const dispatch = createDispatcher(handlersWith({ 'conversation.list': list }), silent);
    expect(await dispatch('conversation.list', {})).toEqual({ ok: true, result: [] });
    expect(list).toHaveBeenCalledWith({ limit: 100, archived: false });
  });

  it('refuses a method the contract does not name, including prototype names', async () => {
    const dispatch = createDispatcher(handlersWith({}), silent);
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 42]) {
      const result = await dispatch(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'api.unknown_method' } });
    }
  });

  it('passes an AppError through and hides any other error', async () => {
    const logged: unknown[] = [];
    const log: Logger = { ...silent, error: (_m, fields) => logged.push(fields) };
    const dispatch = createDispatcher(
      handlersWith({
        'conversation.get': async () => {
          throw new AppError('conversation.missing', 'That conversation no longer exists.');
        },
        'conversation.list': async () => {
          throw new Error('SQLITE_CORRUPT at /secret/path');
        },
      }),
      log,
    );
    expect(await dispatch('conversation.get', { id: providerId })).toEqual({
      ok: false,
      error: { code: 'conversation.missing', message: 'That conversation no longer exists.', params: {} },
    });
    const hidden = await dispatch('conversation.list', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('/secret/path');
    expect(logged).toHaveLength(1);
  });

  it('strips fields the output schema does not name', async () => {
    const dispatch = createDispatcher(
      handlersWith({
        'vault.list': async () => [{ provider: providerId, hasKey: true, hint: 'abcd', key: 'sk-full-secret' }] as never,
      }),
      silent,
    );
    const result = await dispatch('vault.list', {});
    expect(JSON.stringify(result)).not.toContain('sk-full-secret');
    expect(result).toEqual({ ok: true, result: [{ provider: providerId, hasKey: true, hint: 'abcd' }] });
  });
});
