import { describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain';
import { chooseBranch, choicesShowing, visibleThread } from './thread';

let clock = 1_000_000;
function message(id: string, parentId: string | null, role: Message['role'] = 'assistant', at = (clock += 60_000)): Message {
  return {
    id,
    conversationId: 'c',
    parentId,
    role,
    content: id,
    status: 'done',
    providerId: null,
    model: null,
    error: null,
    usage: { inputTokens: null, outputTokens: null },
    createdAt: at,
    updatedAt: at,
  };
}

describe('visibleThread', () => {
  it('shows a plain chain as it is, with no branch switchers', () => {
    const messages = [message('u1', null, 'user'), message('a1', 'u1'), message('u2', 'a1', 'user')];
    expect(visibleThread(messages, {}).map((e) => [e.message.id, e.branch])).toEqual([
      ['u1', null],
      ['a1', null],
      ['u2', null],
    ]);
  });

  it('follows the newest sibling at a fork unless the user chose another', () => {
    const messages = [message('u1', null, 'user'), message('a1', 'u1'), message('a2', 'u1'), message('u2', 'a1', 'user')];
    const newest = visibleThread(messages, {});
    expect(newest.map((e) => e.message.id)).toEqual(['u1', 'a2']);
    expect(newest[1]!.branch).toMatchObject({ index: 2, count: 2 });

    const chosen = visibleThread(messages, chooseBranch({}, messages, 'a1'));
    expect(chosen.map((e) => e.message.id)).toEqual(['u1', 'a1', 'u2']);
  });

  it('makes a search hit on another branch visible', () => {
    const messages = [message('u1', null, 'user'), message('a1', 'u1'), message('u2', 'a1', 'user'), message('a2', 'u1')];
    expect(visibleThread(messages, choicesShowing(messages, 'u2')).map((e) => e.message.id)).toEqual(['u1', 'a1', 'u2']);
    // A choice only where there is a choice to make.
    expect(choicesShowing(messages, 'u2')).toEqual({ u1: 'a1' });
    const chain = [message('x1', null, 'user'), message('x2', 'x1'), message('x3', 'x2', 'user')];
    expect(choicesShowing(chain, 'x3')).toEqual({});
  });

  it('does not take a chain for linear when a later message is the first one’s parent', () => {
    const messages = [message('b', 'a'), message('a', null, 'user')];
    expect(visibleThread(messages, {}).map((e) => e.message.id)).toEqual(['a', 'b']);
    // Loaded from the middle: the first one's parent is not here, so it starts the chain.
    const page = [message('m2', 'm1'), message('m3', 'm2', 'user')];
    expect(visibleThread(page, {}).map((e) => e.message.id)).toEqual(['m2', 'm3']);
  });

  it("groups a comparison's replies side by side, and not a regeneration started a moment later", () => {
    const at = (clock += 60_000);
    const messages = [
      message('u1', null, 'user'),
      message('r1', 'u1', 'assistant', at),
      message('r2', 'u1', 'assistant', at + 5),
      message('r3', 'u1', 'assistant', at + 300),
    ];
    const compared = visibleThread(messages, chooseBranch({}, messages, 'r1'), [['r1', 'r2']]);
    expect(compared[1]!.group?.map((m) => m.id)).toEqual(['r1', 'r2']);
    const regenerated = visibleThread(messages, {}, [['r1', 'r2']]);
    expect(regenerated[1]).toMatchObject({ message: { id: 'r3' }, group: null, branch: { index: 3, count: 3 } });
  });

  it('treats a message whose parent was not loaded as a root', () => {
    const messages = [message('a0', 'missing'), message('u1', 'a0', 'user')];
    expect(visibleThread(messages, {}).map((e) => e.message.id)).toEqual(['a0', 'u1']);
  });
});
