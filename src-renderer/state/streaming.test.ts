import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src-shared/api/contract';
import type { Message } from '../../src-shared/domain';
import { createDeltaBatcher } from './delta-batcher';
import { appendDeltas, applyStreamEnd, displayedText, mergeLoadedMessages, settleStreaming } from './streaming';

const CONVERSATION = '01890000-0000-7000-8000-000000000000';
const USER = '01890000-0000-7000-8000-000000000001';
const REPLY = '01890000-0000-7000-8000-000000000002';

function message(overrides: Partial<Message>): Message {
  return {
    id: REPLY,
    conversationId: CONVERSATION,
    parentId: USER,
    role: 'assistant',
    content: '',
    status: 'streaming',
    providerId: null,
    model: 'test-model',
    error: null,
    usage: { inputTokens: null, outputTokens: null },
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

function end(final: Message): EventPayload<'stream.end'> {
  return {
    conversationId: final.conversationId,
    messageId: final.id,
    status: final.status,
    error: final.error,
    usage: final.usage,
    message: final,
  };
}

describe('appendDeltas', () => {
  it('appends each frame of deltas to the reply text, in order', () => {
    const messages = [message({})];
    let streaming = appendDeltas({}, messages, new Map([[REPLY, 'Hel']]));
    streaming = appendDeltas(streaming, messages, new Map([[REPLY, 'lo']]));
    expect(streaming[REPLY]).toBe('Hello');
  });

  it('keeps deltas for a reply that is not loaded yet (they can beat chat.send’s answer)', () => {
    expect(appendDeltas({}, [], new Map([[REPLY, 'early']]))).toEqual({ [REPLY]: 'early' });
  });

  it('continues from the stored text when a reply was loaded mid-stream', () => {
    const streaming = appendDeltas({}, [message({ content: 'Already saved. ' })], new Map([[REPLY, 'More.']]));
    expect(streaming[REPLY]).toBe('Already saved. More.');
  });

  it('ignores a late delta for a reply that has already ended', () => {
    const streaming = {};
    expect(appendDeltas(streaming, [message({ status: 'done' })], new Map([[REPLY, 'late']]))).toBe(streaming);
  });

  it('returns the same object when nothing changed, so nothing re-renders', () => {
    const streaming = { [REPLY]: 'x' };
    expect(appendDeltas(streaming, [], new Map())).toBe(streaming);
    expect(appendDeltas(streaming, [], new Map([[REPLY, '']]))).toBe(streaming);
  });
});

describe('applyStreamEnd', () => {
  it('replaces the streamed text with the final message and forgets the stream', () => {
    const final = message({ content: 'Hello there.', status: 'done', usage: { inputTokens: 3, outputTokens: 4 } });
    const messages = applyStreamEnd([message({})], end(final));
    expect(messages).toEqual([final]);
    expect(settleStreaming({ [REPLY]: 'Hello' }, messages!)).toEqual({});
  });

  it('keeps the text that arrived when a reply fails, with its error', () => {
    const final = message({ content: 'Partial', status: 'error', error: { code: 'provider.http', message: 'The provider said no.', params: {} } });
    const messages = applyStreamEnd([message({})], end(final));
    expect(messages![0]).toMatchObject({ content: 'Partial', status: 'error', error: { message: 'The provider said no.' } });
  });

  it('reports when the reply is not on screen', () => {
    expect(applyStreamEnd([], end(message({ status: 'done' })))).toBeNull();
  });
});

describe('mergeLoadedMessages', () => {
  it('keeps a final state that arrived before a slower load of the same conversation', () => {
    const final = message({ content: 'Done.', status: 'done' });
    expect(mergeLoadedMessages([message({ content: 'Do' })], [final], new Map())).toEqual([final]);
  });

  it('uses a final state that ended before its conversation was on screen', () => {
    const final = message({ content: 'Done.', status: 'done' });
    expect(mergeLoadedMessages([message({})], [], new Map([[REPLY, final]]))).toEqual([final]);
  });
});

describe('settleStreaming', () => {
  it('keeps the longer text while a reply is still streaming', () => {
    expect(settleStreaming({ [REPLY]: 'Hello wor' }, [message({ content: 'Hel' })])[REPLY]).toBe('Hello wor');
    // After a reconnect the store may know more than the deltas we saw.
    expect(settleStreaming({ [REPLY]: 'He' }, [message({ content: 'Hello' })])[REPLY]).toBe('Hello');
  });

  it('drops the streamed text of replies the store says have ended', () => {
    const loaded = [message({ content: 'Hello', status: 'interrupted' })];
    const streaming = settleStreaming({ [REPLY]: 'Hel' }, loaded);
    expect(streaming).toEqual({});
    expect(displayedText(loaded[0]!, streaming[REPLY])).toBe('Hello');
  });

  it('returns the same object when nothing changed, so nothing re-renders', () => {
    const streaming = { [REPLY]: 'Hello' };
    expect(settleStreaming(streaming, [message({ content: 'He' })])).toBe(streaming);
  });
});

describe('createDeltaBatcher', () => {
  it('hands over all deltas of a frame in one batch', () => {
    const frames: Array<() => void> = [];
    const batches: Array<Record<string, string>> = [];
    const batcher = createDeltaBatcher((batch) => batches.push(Object.fromEntries(batch)), (run) => frames.push(run));
    batcher.push('a', 'one ');
    batcher.push('a', 'two');
    batcher.push('b', 'x');
    expect(frames).toHaveLength(1);
    expect(batches).toEqual([]);
    frames[0]!();
    expect(batches).toEqual([{ a: 'one two', b: 'x' }]);
  });

  it('can be flushed early, and the pending frame then has nothing left to do', () => {
    const frames: Array<() => void> = [];
    const batches: Array<Record<string, string>> = [];
    const batcher = createDeltaBatcher((batch) => batches.push(Object.fromEntries(batch)), (run) => frames.push(run));
    batcher.push('a', 'text');
    batcher.flush();
    frames[0]!();
    expect(batches).toEqual([{ a: 'text' }]);
  });
});
