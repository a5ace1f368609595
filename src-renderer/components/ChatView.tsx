// The open conversation: its title, problems worth knowing about, its messages
// (or an invitation to start) and the composer.
import { useTranslation } from '../i18n';
import { useAppState, useController, useUi } from '../state/context';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorList } from './ErrorList';
import { MessageList } from './MessageList';

export function ChatView() {
  const { t } = useTranslation();
  const openId = useAppState((s) => s.openConversationId);
  const title = useAppState((s) => s.conversations.find((c) => c.id === s.openConversationId)?.title ?? s.openTitle);
  const hasMessages = useAppState((s) => s.messages.length > 0);
  const loading = useAppState((s) => s.conversationLoading);

  return (
    <div className="chat">
      <header className="chat-header">
        <h1>{title?.trim() || t('chat.newChat')}</h1>
      </header>
      <ConnectionBanner />
      <ErrorList />
      {hasMessages ? <MessageList key={openId ?? 'new'} /> : <EmptyChat loading={loading} />}
      <Composer />
    </div>
  );
}

function EmptyChat({ loading }: { loading: boolean }) {
  const { t } = useTranslation();
  const controller = useController();
  const ui = useUi();
  const providersLoaded = useAppState((s) => s.providersLoaded);
  const hasProvider = useAppState((s) => s.providers.length > 0);

  if (loading || !providersLoaded) return <div className="messages empty" aria-busy="true" />;
  if (!hasProvider) {
    return (
      <div className="messages empty">
        <div className="invite">
          <h2>{t('chat.addProviderTitle')}</h2>
          <p>{t('chat.addProviderBody')}</p>
          <button type="button" className="primary" onClick={() => {
              ui.setSettingsTab('providers');
              controller.openProviderDialog();
            }}
          >
            {t('chat.addProvider')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="messages empty">
      <p className="invite-hint">{t('chat.emptyHint')}</p>
    </div>
  );
}
