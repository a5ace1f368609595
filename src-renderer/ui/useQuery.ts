// Loads data for a screen that holds it only while open: loading, the data, or
// a sentence about what went wrong; `reload` asks again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { userMessage } from '../api/errors';

export type Query<T> =
  | { status: 'loading'; data: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; message: string; data: T | null };

export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): Query<T> & { reload: () => void } {
  const [state, setState] = useState<Query<T>>({ status: 'loading', data: null });
  const [round, setRound] = useState(0);
  const seq = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const mine = ++seq.current;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loader.current().then(
      (data) => mine === seq.current && setState({ status: 'ready', data }),
      (error: unknown) => mine === seq.current && setState((previous) => ({ status: 'error', message: userMessage(error), data: previous.data })),
    );
    // `deps` are the caller's; `round` is a reload.
  }, [round, ...deps]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
