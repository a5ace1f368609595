// Gathers stream deltas and hands them over once per animation frame, so a fast
// stream costs one state update per frame however many events arrive.

export type FrameScheduler = (callback: () => void) => void;

export const nextAnimationFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

export interface DeltaBatcher {
  push(messageId: string, text: string): void;
  /** Hands over whatever is pending now (before a reply's final state lands). */
  flush(): void;
}

export function createDeltaBatcher(
  apply: (batch: ReadonlyMap<string, string>) => void,
  schedule: FrameScheduler = nextAnimationFrame,
): DeltaBatcher {
  let pending = new Map<string, string>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    apply(batch);
  };
  return {
    push(messageId, text) {
      pending.set(messageId, (pending.get(messageId) ?? '') + text);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
