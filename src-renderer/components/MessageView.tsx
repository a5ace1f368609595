// One message. It subscribes to its own streaming text, so a delta re-renders
// this message only.
import { memo } from 'react';
import type { Message } from '../../src-shared/domain';
import { Markdown } from '../markdown/Markdown';
import { useAppState } from '../state/context';
import { displayedText } from '../state/streaming';
import { usageText } from './message-format';

export const MessageView = memo(function MessageView({ message }: { message: Message }) {
  const streamed = useAppState((s) => s.streaming[message.id]);
  const text = displayedText(message, streamed);
  const usage = message.role === 'assistant' ? usageText(message.usage) : null;
  const author = message.role === 'user' ? 'You' : message.role === 'system' ? 'System' : 'Assistant';

  return (
    <article className={`message message-${message.role}`} data-testid={`message-${message.role}`} data-status={message.status}>
      <p className="message-meta">
        <span className="message-author">{author}</span>
        {message.role === 'assistant' && message.model && <span className="message-model"> · {message.model}</span>}
      </p>
      {message.role === 'user' ? (
        <p className="message-text plain">{text}</p>
      ) : (
        text && (
          <div className="message-text">
            <Markdown text={text} />
          </div>
        )
      )}
      {message.status === 'streaming' && <p className="message-note streaming">Writing…</p>}
      {message.status === 'interrupted' && <p className="message-note">Interrupted: this reply stopped before it finished.</p>}
      {message.status === 'error' && (
        <p className="message-error" role="alert">
          {message.error?.message ?? 'This reply failed. Try sending your message again.'}
        </p>
      )}
      {usage && <p className="message-usage">{usage}</p>}
    </article>
  );
});
