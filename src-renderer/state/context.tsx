// Hands the controllers to components. Components read state through selectors,
// so each one re-renders only when the slice it reads changes.
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../../src-shared/api/contract';
import { useStore } from 'zustand';
import type { AppController, AppState } from './app-store';
import type { UiController, UiState } from './ui-store';

interface Controllers {
  app: AppController;
  ui: UiController;
  api: ApiClient;
}

const ControllerContext = createContext<Controllers | null>(null);

export function ControllerProvider({
  controller,
  ui,
  api,
  children,
}: {
  controller: AppController;
  ui: UiController;
  api: ApiClient;
  children: ReactNode;
}) {
  return <ControllerContext.Provider value={{ app: controller, ui, api }}>{children}</ControllerContext.Provider>;
}

function useControllers(): Controllers {
  const controllers = useContext(ControllerContext);
  if (!controllers) throw new Error('useController needs a ControllerProvider above it');
  return controllers;
}

export function useController(): AppController {
  return useControllers().app;
}

export function useUi(): UiController {
  return useControllers().ui;
}

/** The API client itself, for screens whose data lives only while they are open. */
export function useApi(): ApiClient {
  return useControllers().api;
}

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useController().store, selector);
}

export function useUiState<T>(selector: (state: UiState) => T): T {
  return useStore(useUi().store, selector);
}
