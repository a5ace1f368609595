// One message. It subscribes to its own streaming text, so a delta re-renders
// this message only; its markdown re-parses only the growing tail. The user's
// own messages can be edited in place, replies regenerated (by their model or
// another one); "‹ 2 / 3 ›" switches between the siblings at a fork.
import { memo, useEffect, useRef, useState } from 'react';
import type { Message } from '../../src-shared/domain';
import { useTranslation } from '../i18n';
import { Markdown } from '../markdown/Markdown';
import { useProviders, useStores, useStreaming, useThread } from '../state/context';
import { displayedText } from '../state/streaming';
import type { ThreadEntry } from '../state/thread';
import { replyCostText, replyWriter, usageText } from './message-format';
import { MessageEditor } from './MessageEditor';
import { MessageFiles } from './MessageFiles';
import { RegenerateWithMenu } from './RegenerateWithMenu';

/**
 * A sibling switch re-keys the row (another message is shown), so the button the
 * user pressed is gone: the sibling that replaces it takes the focus back.
 */
let switchFocus: { messageId: string; button: 'previous' | 'next' } | null = null;

export const MessageView = memo(function MessageView({
  message,
  branch = null,
  inGroup = false,
  chosen = false,
}: {
  message: Message;
  branch?: ThreadEntry['branch'];
  inGroup?: boolean;
  /** In a comparison's group: the reply the conversation continues from. */
  chosen?: boolean;
}) {
  const { t } = useTranslation();
  const { thread, providers } = useStores();
  const streamed = useStreaming((s) => s.text[message.id]);
  const metrics = useStreaming((s) => s.metrics[message.id]);
  const retry = useStreaming((s) => s.retries[message.id]);
  const liveReasoning = useStreaming((s) => s.reasoning[message.id]);
  const reasoning = liveReasoning ?? message.reasoning ?? null;
  const focused = useThread((s) => s.focusMessage?.id === message.id);
  const [copied, setCopied] = useState(false);
  const [editing, setEditing] = useState(false);
  const previousButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (switchFocus?.messageId !== message.id) return;
    const wanted = switchFocus.button === 'previous' ? previousButton : nextButton;
    (wanted.current ?? previousButton.current ?? nextButton.current)?.focus();
    switchFocus = null;
  }, [message.id]);

  const switchTo = (index: number, button: 'previous' | 'next') => {
    if (!branch || index < 1 || index > branch.count) return;
    const target = branch.siblingIds[index - 1]!;
    switchFocus = { messageId: target, button };
    void thread.showBranch(target);
  };

  const closeEditor = (submitted: boolean) => {
    setEditing(false);
    // A submitted edit is a new sibling further on; a cancelled one goes back where it started.
    if (!submitted) requestAnimationFrame(() => editButton.current?.focus());
  };
  const text = displayedText(message, streamed);
  const usage = message.role === 'assistant' ? usageText(message.usage) : null;
  const cost = replyCostText(message, metrics?.costUsd);
  // Live from the stream, else as stored (so it is still there after a restart).
  const ttftMs = metrics?.ttftMs ?? message.ttftMs ?? null;
  const latency = ttftMs !== null ? t('chat.firstToken', { ms: Math.round(ttftMs) }) : null;
  const author = t(`roles.${message.role}`);
  const writer = useProviders((s) => replyWriter(message, s.providers));
  const streaming = message.status === 'streaming';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };

  return (
    <article
      id={`message-${message.id}`}
      className={`message message-${message.role}${focused ? ' message-focused' : ''}`}
      data-testid={`message-${message.role}`}
      data-status={message.status}
      aria-label={writer ? `${author} · ${writer}` : author}
      tabIndex={-1}
    >
      <div className="message-meta">
        <span className="message-author">{author}</span>
        {writer && <span className="message-model"> · {writer}</span>}
        {inGroup && chosen && <span className="badge">{t('chat.continuing')}</span>}
        {branch && !inGroup && (
          <span className="branch-switch" role="group" aria-label={t('chat.versionLabel', { index: branch.index, count: branch.count })}>
            <button
              ref={previousButton}
              type="button"
              className="quiet icon"
              aria-label={t('chat.previousVersion')}
              aria-disabled={branch.index === 1}
              onClick={() => switchTo(branch.index - 1, 'previous')}
            >
              ‹
            </button>
            <span className="branch-position">{t('chat.versionOf', { index: branch.index, count: branch.count })}</span>
            <button
              ref={nextButton}
              type="button"
              className="quiet icon"
              aria-label={t('chat.nextVersion')}
              aria-disabled={branch.index === branch.count}
              onClick={() => switchTo(branch.index + 1, 'next')}
            >
              ›
            </button>
          </span>
        )}
      </div>
      {reasoning && (
        <details className="reasoning">
          <summary>{t('chat.reasoning')}</summary>
          <div className="message-text">
            <Markdown text={reasoning} streaming={streaming} />
          </div>
        </details>
      )}
      {message.role === 'user' && <MessageFiles messageId={message.id} />}
      {message.role === 'user' ? (
        editing ? (
          <MessageEditor message={message} onClose={closeEditor} />
        ) : (
          <p className="message-text plain">{text}</p>
        )
      ) : (
        text && (
          <div className="message-text">
            <Markdown text={text} streaming={streaming} />
          </div>
        )
      )}
      {streaming && retry && !text && (
        <p className="message-note">{t('chat.retrying', { attempt: retry.attempt, seconds: Math.ceil(retry.delayMs / 1000), reason: retry.error.message })}</p>
      )}
      {streaming && <p className="message-note streaming">{t('chat.writing')}</p>}
      {message.status === 'interrupted' && <p className="message-note">{t('chat.interrupted')}</p>}
      {message.status === 'error' && (
        <p className="message-error" role="alert">
          {message.error?.message ?? t('chat.failed')}
        </p>
      )}
      {!streaming && !editing && (
        <div className="message-foot">
          {(usage || cost || latency) && <p className="message-usage">{[usage, cost, latency].filter(Boolean).join(' · ')}</p>}
          <div className="message-actions">
            {text && (
              <button type="button" className="quiet small" onClick={() => void copy()}>
                {copied ? t('chat.copied') : t('chat.copy')}
              </button>
            )}
            {message.role === 'user' && (
              <button ref={editButton} type="button" className="quiet small" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
            )}
            {message.role === 'assistant' && (
              <>
                <button type="button" className="quiet small" onClick={() => void thread.regenerate(message.id)}>
                  {t('chat.regenerate')}
                </button>
                <RegenerateWithMenu message={message} />
              </>
            )}
            {inGroup && !chosen && (
              <button
                type="button"
                className="quiet small"
                onClick={() => void thread.continueWith(message.id).then((providerId) => providers.selectIfListed(providerId))}
              >
                {t('chat.continueWithThis')}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
});
