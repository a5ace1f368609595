// Keeps the message list at the newest text while the reader follows it. Only
// the reader's own scrolling (wheel, touch, keys, the scrollbar) stops following:
// the list also scrolls by itself when the virtualizer corrects a guessed height,
// and such a scroll must never leave the newest reply off screen. Scrolling back
// to the bottom, End, and sending a message follow again.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useStores } from '../state/context';

/** Closer to the bottom than this counts as at the bottom. */
const NEAR_BOTTOM_PX = 48;
/** A scroll this soon after the reader's wheel, touch or key is theirs (smooth scrolling animates). */
const READER_SCROLL_MS = 400;
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

function isEditable(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export interface FollowLatest {
  /** Spread onto the scrolling element. */
  handlers: {
    onScroll: () => void;
    onWheel: () => void;
    onTouchMove: () => void;
    onPointerDown: (event: { target: EventTarget; currentTarget: EventTarget }) => void;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  };
  /** Stops following, for a jump to an older message (a search hit). */
  stop: () => void;
}

export function useFollowLatest(scroller: RefObject<HTMLElement | null>): FollowLatest {
  const { composer } = useStores();
  const following = useRef(true);
  const readerScrollUntil = useRef(0);
  const draggingScrollbar = useRef(false);

  const toEnd = () => {
    const element = scroller.current;
    if (!element || !following.current) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight > 1) element.scrollTop = element.scrollHeight;
  };
  const follow = () => {
    following.current = true;
    toEnd();
  };
  const readerIsScrolling = () => draggingScrollbar.current || performance.now() < readerScrollUntil.current;
  const markReaderScroll = () => {
    readerScrollUntil.current = performance.now() + READER_SCROLL_MS;
  };

  // Every render may follow a change of height (a message measured, a reply grown).
  useLayoutEffect(toEnd);

  // Sending a message brings the newest text back.
  useEffect(
    () =>
      composer.store.subscribe((state, previous) => {
        if (state.sending && !previous.sending) follow();
      }),
    [composer],
  );

  // A scrollbar drag lasts until the button is released, wherever the pointer is then.
  useEffect(() => {
    const release = () => (draggingScrollbar.current = false);
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, []);

  return {
    handlers: {
      onScroll: () => {
        const element = scroller.current;
        if (!element) return;
        if (element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX) following.current = true;
        else if (readerIsScrolling()) following.current = false;
        else toEnd();
      },
      onWheel: markReaderScroll,
      onTouchMove: markReaderScroll,
      // On the list itself, not on a message: the scrollbar.
      onPointerDown: (event) => {
        if (event.target === event.currentTarget) draggingScrollbar.current = true;
      },
      onKeyDown: (event) => {
        if (!SCROLL_KEYS.has(event.key) || isEditable(event.target)) return;
        if (event.key === 'End') {
          event.preventDefault();
          follow();
          return;
        }
        markReaderScroll();
      },
    },
    stop: () => {
      following.current = false;
    },
  };
}
