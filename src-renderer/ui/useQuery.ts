// Loads data for a screen that holds it only while open: loading, the data, or
// a sentence about what went wrong; `reload` asks again. With `available` false
// (the core has no such method yet) it never calls and says so.
import { useCallback, useEffect, useRef, useState } from 'react';
import { userMessage } from '../api/errors';
import { isNotAvailable } from '../api/features';

export type Query<T> =
  | { status: 'unavailable' }
  | { status: 'loading'; data: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; message: string; data: T | null };

export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[], available = true): Query<T> & { reload: () => void } {
  const [state, setState] = useState<Query<T>>(available ? { status: 'loading', data: null } : { status: 'unavailable' });
  const [round, setRound] = useState(0);
  const seq = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (!available) {
      setState({ status: 'unavailable' });
      return;
    }
    const mine = ++seq.current;
    setState((previous) => ({ status: 'loading', data: 'data' in previous ? previous.data : null }));
    loader.current().then(
      (data) => mine === seq.current && setState({ status: 'ready', data }),
      (error: unknown) => {
        if (mine !== seq.current) return;
        if (isNotAvailable(error)) setState({ status: 'unavailable' });
        else setState((previous) => ({ status: 'error', message: userMessage(error), data: 'data' in previous ? previous.data : null }));
      },
    );
    // `deps` are the caller's; `round` is a reload.
  }, [available, round, ...deps]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
