// The open conversation's messages. Follows the newest text while the reader is
// at the bottom, and leaves them alone once they scroll up to read. It mounts
// afresh for each conversation, so a newly opened one starts at its end.
import { useEffect, useRef } from 'react';
import { useAppState, useController } from '../state/context';
import { MessageView } from './MessageView';

const NEAR_BOTTOM_PX = 48;

export function MessageList() {
  const controller = useController();
  const messages = useAppState((s) => s.messages);
  const scroller = useRef<HTMLElement>(null);
  const followLatest = useRef(true);

  useEffect(() => {
    const scrollToEnd = () => {
      const element = scroller.current;
      if (element && followLatest.current) element.scrollTop = element.scrollHeight;
    };
    scrollToEnd();
    return controller.store.subscribe((state, previous) => {
      if (state.messages !== previous.messages || state.streaming !== previous.streaming) {
        requestAnimationFrame(scrollToEnd);
      }
    });
  }, [controller]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    followLatest.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
  };

  return (
    // Focusable so the history can be scrolled from the keyboard.
    <section className="messages" aria-label="Chat history" tabIndex={0} ref={scroller} onScroll={onScroll}>
      <ol className="message-list">
        {messages.map((message) => (
          <li key={message.id}>
            <MessageView message={message} />
          </li>
        ))}
      </ol>
    </section>
  );
}
