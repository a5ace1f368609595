import { createContext, useContext } from 'react';

/** False inside the block that is still being written: no highlighting until it settles. */
export const SettledContext = createContext(true);

export function useSettled(): boolean {
  return useContext(SettledContext);
}
