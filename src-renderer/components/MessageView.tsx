// One message. It subscribes to its own streaming text, so a delta re-renders
// this message only; its markdown re-parses only the growing tail.
import { memo, useState } from 'react';
import type { Message } from '../../src-shared/domain';
import { FEATURE_METHODS, hasMethod } from '../api/features';
import { useTranslation } from '../i18n';
import { Markdown } from '../markdown/Markdown';
import { useAppState, useController } from '../state/context';
import { displayedText } from '../state/streaming';
import type { ThreadEntry } from '../state/thread';
import { costText, messageCost, usageText } from './message-format';

export const MessageView = memo(function MessageView({
  message,
  branch = null,
  inGroup = false,
}: {
  message: Message;
  branch?: ThreadEntry['branch'];
  inGroup?: boolean;
}) {
  const { t } = useTranslation();
  const controller = useController();
  const streamed = useAppState((s) => s.streaming[message.id]);
  const metrics = useAppState((s) => s.metrics[message.id]);
  const retry = useAppState((s) => s.retries[message.id]);
  const reasoning = useAppState((s) => s.reasoning[message.id]);
  const focused = useAppState((s) => s.focusMessage?.id === message.id);
  const [copied, setCopied] = useState(false);
  const text = displayedText(message, streamed);
  const usage = message.role === 'assistant' ? usageText(message.usage) : null;
  const cost = message.role === 'assistant' ? costText(metrics?.costUsd ?? messageCost(message as Message & Record<string, unknown>)) : null;
  const latency = metrics?.ttftMs != null ? t('chat.firstToken', { ms: Math.round(metrics.ttftMs) }) : null;
  const author = t(`roles.${message.role}`);
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
      aria-label={message.role === 'assistant' && message.model ? `${author} · ${message.model}` : author}
      tabIndex={-1}
    >
      <div className="message-meta">
        <span className="message-author">{author}</span>
        {message.role === 'assistant' && message.model && <span className="message-model"> · {message.model}</span>}
        {branch && !inGroup && (
          <span className="branch-switch">
            <button
              type="button"
              className="quiet icon"
              aria-label={t('chat.previousVersion')}
              aria-disabled={branch.index === 1}
              onClick={() => branch.index > 1 && controller.showBranch(branch.siblingIds[branch.index - 2]!)}
            >
              ‹
            </button>
            <span>{t('chat.versionOf', { index: branch.index, count: branch.count })}</span>
            <button
              type="button"
              className="quiet icon"
              aria-label={t('chat.nextVersion')}
              aria-disabled={branch.index === branch.count}
              onClick={() => branch.index < branch.count && controller.showBranch(branch.siblingIds[branch.index]!)}
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
      {message.role === 'user' ? (
        <p className="message-text plain">{text}</p>
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
      {!streaming && (
        <div className="message-foot">
          {(usage || cost || latency) && <p className="message-usage">{[usage, cost, latency].filter(Boolean).join(' · ')}</p>}
          <div className="message-actions">
            {text && (
              <button type="button" className="quiet small" onClick={() => void copy()}>
                {copied ? t('chat.copied') : t('chat.copy')}
              </button>
            )}
            {message.role === 'assistant' && hasMethod(FEATURE_METHODS.regenerate) && (
              <button type="button" className="quiet small" onClick={() => void controller.regenerate(message.id)}>
                {t('chat.regenerate')}
              </button>
            )}
            {inGroup && (
              <button type="button" className="quiet small" onClick={() => controller.showBranch(message.id)}>
                {t('chat.continueWithThis')}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
});
