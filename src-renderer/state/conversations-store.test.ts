import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { CONVERSATION, conversationDetails, endOf, FakeApi, message, provider, settle, setup, USER, userMessage } from './test-support';
import { createStores } from './stores';

describe('ConversationListStore', () => {
  it('deletes a conversation at once and brings it back, reopened, with Undo', async () => {
    const conversation = { id: CONVERSATION, title: 'Plans', createdAt: 1, updatedAt: 1 };
    let deleted = false;
    const api = new FakeApi({
      'provider.list': () => [provider],
      'conversation.list': () => (deleted ? [] : [conversation]),
      'chat.branch': () => ({ messages: [userMessage], leafId: USER, attachments: [], comparisons: [] }),
      'conversation.delete': () => {
        deleted = true;
        return { deleted: true };
      },
      'conversation.restore': () => {
        deleted = false;
        return conversation;
      },
    });
    const stores = createStores(api, { scheduleFrame: (run) => run() });
    stores.start();
    await stores.thread.open(CONVERSATION);

    const deleting = stores.conversations.delete(CONVERSATION);
    expect(stores.conversations.state.pendingDeletes).toEqual([CONVERSATION]);
    expect(stores.thread.state.conversationId).toBeNull();
    await deleting;
    expect(api.called('conversation.delete')).toEqual([{ method: 'conversation.delete', input: { id: CONVERSATION } }]);
    expect(stores.conversations.state).toMatchObject({ pendingDeletes: [], conversations: [] });
    const toast = stores.ui.state.toasts.at(-1)!;
    expect(toast.text).toBe('Deleted “Plans”.');

    stores.ui.runToastAction(toast.id);
    await vi.waitFor(() => expect(stores.thread.state.conversationId).toBe(CONVERSATION));
    expect(api.called('conversation.restore')).toHaveLength(1);
    expect(stores.conversations.state.conversations.map((c) => c.id)).toEqual([CONVERSATION]);
    expect(stores.ui.state.toasts.at(-1)!.text).toBe('Conversation restored.');
    expect(stores.status.state.errors).toEqual([]);
  });

  it('archives with Undo in the toast', async () => {
    const plans = conversationDetails(CONVERSATION, 'Plans');
    const { api, stores } = setup({ 'conversation.update': (input) => ({ ...plans, ...(input as object) }) });
    await settle();
    await expect(stores.conversations.setArchived(plans, true)).resolves.toBe(true);
    const toast = stores.ui.state.toasts.at(-1)!;
    expect(toast.text).toBe('Archived “Plans”.');
    stores.ui.runToastAction(toast.id);
    await settle();
    expect(api.called('conversation.update').map((c) => c.input)).toEqual([
      { id: CONVERSATION, archived: true },
      { id: CONVERSATION, archived: false },
    ]);
  });

  it('renames the open conversation’s heading, and says so when a change fails', async () => {
    let fail = false;
    const { stores } = setup({
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage] }),
      'conversation.update': (input) => {
        if (fail) throw new ApiError('conversation.missing', 'That conversation no longer exists.');
        return { ...conversationDetails(CONVERSATION, 'Plans'), ...(input as object) };
      },
    });
    await stores.thread.open(CONVERSATION);
    await expect(stores.conversations.update(CONVERSATION, { title: 'Trip' })).resolves.toBe(true);
    expect(stores.thread.state.title).toBe('Trip');
    fail = true;
    await expect(stores.conversations.update(CONVERSATION, { title: 'Again' })).resolves.toBe(false);
    expect(stores.status.state.errors.map((e) => e.text)).toEqual(['That conversation no longer exists. Start a new chat.']);
  });

  it('asks for the list again when a reply ends or a conversation changes', async () => {
    const { api } = setup({});
    await settle();
    const lists = () => api.called('conversation.list').length;
    const before = lists();
    api.emit('conversation.changed', { conversationId: CONVERSATION });
    await settle();
    expect(lists()).toBe(before + 1);
    api.emit('stream.end', endOf(message({ status: 'done', content: 'Done.' })));
    await settle();
    expect(lists()).toBe(before + 2);
  });
});
