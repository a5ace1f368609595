// The open conversation: its title, problems worth knowing about, its messages
// (or an invitation to start) and the composer.
import { useAppState, useController } from '../state/context';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorList } from './ErrorList';
import { MessageList } from './MessageList';

export function ChatView() {
  const title = useAppState((s) => s.conversations.find((c) => c.id === s.openConversationId)?.title);
  const hasMessages = useAppState((s) => s.messages.length > 0);
  const loading = useAppState((s) => s.conversationLoading);

  return (
    <>
      <header className="chat-header">
        <h1>{title?.trim() || 'New chat'}</h1>
      </header>
      <ConnectionBanner />
      <ErrorList />
      {hasMessages ? <MessageList /> : <EmptyChat loading={loading} />}
      <Composer />
    </>
  );
}

function EmptyChat({ loading }: { loading: boolean }) {
  const controller = useController();
  const providersLoaded = useAppState((s) => s.providersLoaded);
  const hasProvider = useAppState((s) => s.providers.length > 0);

  if (loading || !providersLoaded) return <div className="messages empty" />;
  if (!hasProvider) {
    return (
      <div className="messages empty">
        <div className="invite">
          <h2>Add a provider to start</h2>
          <p>
            RealMultiLLM talks to any OpenAI-compatible service: OpenAI, OpenRouter, Groq, or a model on your own machine
            with Ollama or LM Studio. Your API key stays in your system keychain.
          </p>
          <button type="button" className="primary" onClick={() => controller.openProviderDialog()}>
            Add a provider
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="messages empty">
      <p className="invite-hint">Type a message below. The reply appears here as it is written.</p>
    </div>
  );
}
