// The open conversation: its title, problems worth knowing about, its messages
// (or an invitation to start) and the composer.
import { useTranslation } from '../i18n';
import { KeyStorageNote } from '../settings/KeyStorageNote';
import { ConnectionBanner } from '../shell/ConnectionBanner';
import { ErrorList } from '../shell/ErrorList';
import { useConversations, useProviders, useStores, useThread } from '../state/context';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import './chat.css';

export function ChatView() {
  const { t } = useTranslation();
  const openId = useThread((s) => s.conversationId);
  const listedTitle = useConversations((s) => s.conversations.find((c) => c.id === openId)?.title);
  const loadedTitle = useThread((s) => s.title);
  const title = listedTitle ?? loadedTitle;
  const hasMessages = useThread((s) => s.messages.length > 0);
  const loading = useThread((s) => s.loading);

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
  const { settings } = useStores();
  const providersLoaded = useProviders((s) => s.loaded);
  const hasProvider = useProviders((s) => s.providers.length > 0);

  if (loading || !providersLoaded) return <div className="messages empty" aria-busy="true" />;
  if (!hasProvider) {
    return (
      <div className="messages empty">
        <div className="invite">
          <h2>{t('chat.addProviderTitle')}</h2>
          <p>
            {t('chat.addProviderBody')} <KeyStorageNote context="welcome" />
          </p>
          <button type="button" className="primary" onClick={() => settings.open('providers')}>
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
