// The open conversation's messages, virtualized: only the messages in view (and
// a few around them) are in the DOM, so a 10,000-message conversation opens as
// fast as a short one. Follows the newest text until the reader scrolls away
// (follow-latest.ts). It mounts afresh for each conversation, so a newly opened
// one starts at its end.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from '../i18n';
import { useThread } from '../state/context';
import { visibleThread, type ThreadEntry } from '../state/thread';
import { useFollowLatest } from './follow-latest';
import { MessageView } from './MessageView';

/** A first guess at a message's height before it is measured: long texts are taller. */
function estimateHeight(entry: ThreadEntry | undefined): number {
  if (!entry) return 120;
  const length = entry.group ? Math.max(...entry.group.map((m) => m.content.length)) : entry.message.content.length;
  return 72 + Math.min(2400, Math.ceil(length / 90) * 22);
}

export function MessageList() {
  const { t } = useTranslation();
  const messages = useThread((s) => s.messages);
  const choices = useThread((s) => s.branchChoices);
  const comparisons = useThread((s) => s.comparisons);
  const focus = useThread((s) => s.focusMessage);
  const thread = useMemo(() => visibleThread(messages, choices, comparisons), [messages, choices, comparisons]);
  const scroller = useRef<HTMLElement>(null);
  const follow = useFollowLatest(scroller);
  const threadRef = useRef(thread);
  threadRef.current = thread;

  // New only when the thread is: the virtualizer recomputes every item's position
  // (10,000 of them in a long conversation) whenever getItemKey changes.
  const estimateSize = useCallback((index: number) => estimateHeight(thread[index]), [thread]);
  const getItemKey = useCallback((index: number) => thread[index]?.message.id ?? index, [thread]);
  const virtualizer = useVirtualizer({
    count: thread.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: 3,
    paddingStart: 16,
    paddingEnd: 16,
  });

  // Opening: start at the end.
  useLayoutEffect(() => {
    if (threadRef.current.length > 0) virtualizer.scrollToIndex(threadRef.current.length - 1, { align: 'end' });
    // Once per mount: a conversation opens at its end.
  }, [virtualizer]);

  // A search hit: bring it into view, mark it, and move focus to it for screen readers.
  useEffect(() => {
    if (!focus) return;
    const index = thread.findIndex((entry) => entry.message.id === focus.id || entry.group?.some((m) => m.id === focus.id));
    if (index === -1) return;
    follow.stop();
    virtualizer.scrollToIndex(index, { align: 'center' });
    const timer = setTimeout(() => document.getElementById(`message-${focus.id}`)?.focus({ preventScroll: true }), 120);
    return () => clearTimeout(timer);
    // Only a new focus request jumps: `thread` growing while streaming must not.
  }, [focus?.seq]);

  const items = virtualizer.getVirtualItems();
  return (
    // Focusable so the history can be scrolled from the keyboard.
    <section className="messages" aria-label={t('chat.history')} tabIndex={0} ref={scroller} {...follow.handlers}>
      <ol className="message-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = thread[item.index]!;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-setsize={thread.length}
              aria-posinset={item.index + 1}
              className="message-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {entry.group ? (
                <div className="message-group" role="group" aria-label={t('chat.sideBySide', { count: entry.group.length })}>
                  {entry.group.map((message) => (
                    <MessageView key={message.id} message={message} inGroup chosen={message.id === entry.message.id} />
                  ))}
                </div>
              ) : (
                <MessageView message={entry.message} branch={entry.branch} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
