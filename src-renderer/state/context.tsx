// Hands the controller to components. Components read state through selectors,
// so each one re-renders only when the slice it reads changes.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppController, AppState } from './app-store';

const ControllerContext = createContext<AppController | null>(null);

export function ControllerProvider({ controller, children }: { controller: AppController; children: ReactNode }) {
  return <ControllerContext.Provider value={controller}>{children}</ControllerContext.Provider>;
}

export function useController(): AppController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController needs a ControllerProvider above it');
  return controller;
}

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useController().store, selector);
}
