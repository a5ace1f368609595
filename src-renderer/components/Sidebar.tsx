// The conversation list. Items are links named by their titles, so a title can
// never collide with a button's name.
import type { MouseEvent } from 'react';
import { useAppState, useController } from '../state/context';

export function Sidebar() {
  const controller = useController();
  const conversations = useAppState((s) => s.conversations);
  const loaded = useAppState((s) => s.conversationsLoaded);
  const openId = useAppState((s) => s.openConversationId);

  const open = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    void controller.openConversation(id);
  };

  return (
    <aside className="sidebar">
      <p className="brand">RealMultiLLM</p>
      <button type="button" className="primary" onClick={() => controller.newChat()}>
        New chat
      </button>
      <h2 className="sidebar-heading">Recent</h2>
      <ul className="conversation-list" aria-label="Conversations">
        {conversations.map((conversation) => (
          <li key={conversation.id}>
            <a
              href={`#conversation-${conversation.id}`}
              aria-current={conversation.id === openId ? 'page' : undefined}
              onClick={(event) => open(event, conversation.id)}
            >
              {conversation.title.trim() || 'Untitled chat'}
            </a>
          </li>
        ))}
      </ul>
      {loaded && conversations.length === 0 && <p className="sidebar-empty">No conversations yet.</p>}
      <button type="button" className="sidebar-settings" onClick={() => controller.openProviderDialog()}>
        Providers
      </button>
    </aside>
  );
}
