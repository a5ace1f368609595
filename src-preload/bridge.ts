// The typed API client the preload exposes, built over the two IPC channels. It
// takes the IPC object as a parameter (no electron import), so it is unit-tested
// in plain Node; preload.ts hands it the real ipcRenderer.
import type {
  ApiClient,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../src-shared/api/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_PATH_CHANNEL, IPC_SAVE_PATH_CHANNEL } from '../src-shared/api/channels';
import { plainProblems } from '../src-shared/api/error-codes';
import type { UserError } from '../src-shared/domain';
import type { ChosenFile, FileDialogs } from './api';

/** The part of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * What a failed call rejects with: `code` for programs, `message` for the user.
 * A plain object, not an Error, on purpose: contextBridge rebuilds a rejected
 * Error in the page as `new Error(message)` and drops every other property, so
 * an Error's `code` would never reach the renderer. A plain object is copied
 * whole. (Electron's shell/renderer/api/electron_api_context_bridge.cc,
 * PassValueToOtherContext; electron/electron#25596.)
 */
export interface ApiCallError extends UserError {
  readonly name: 'ApiError';
}

function callError(code: string, message: string, params: UserError['params'] = {}, problems?: UserError['problems']): ApiCallError {
  return Object.freeze({ name: 'ApiError', code, message, params, ...(problems && { problems }) });
}

/** Only text and numbers cross as params: they are shown as plain text. */
function plainParams(value: unknown): UserError['params'] {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as UserError['params'];
}

const UNREACHABLE = callError(
  'ipc.unreachable',
  'The app window could not reach RealMultiLLM. Restart the app; if it keeps happening, the log in the data folder says more.',
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns the main process's `{ ok, result }` / `{ ok: false, error }` into a value or a rejection. */
export function unwrapReply(reply: unknown): unknown {
  if (isRecord(reply) && reply.ok === true && 'result' in reply) return reply.result;
  if (isRecord(reply) && reply.ok === false && isRecord(reply.error)) {
    const { code, message, params, problems } = reply.error;
    if (typeof code === 'string' && typeof message === 'string') throw callError(code, message, plainParams(params), plainProblems(problems));
  }
  throw UNREACHABLE;
}

export function createBridge(ipc: BridgeIpc): ApiClient {
  // One IPC listener however many subscribers, each keyed by event name.
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();

  const deliver = (_event: unknown, message: unknown) => {
    if (!isRecord(message) || typeof message.event !== 'string') return;
    for (const listener of subscribers.get(message.event) ?? []) {
      try {
        listener(message.payload);
      } catch (error) {
        // One failing subscriber must not starve the others.
        console.error(`A listener for "${message.event}" failed:`, error);
      }
    }
  };

  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    let reply: unknown;
    try {
      reply = await ipc.invoke(IPC_CALL_CHANNEL, method, input);
    } catch {
      throw UNREACHABLE;
    }
    return unwrapReply(reply) as MethodOutput<M>;
  };

  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('on(event, listener) needs a function.');
    if (subscribers.size === 0) ipc.on(IPC_EVENT_CHANNEL, deliver);
    let set = subscribers.get(event);
    if (!set) subscribers.set(event, (set = new Set()));
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry = (payload: unknown) => listener(payload as EventPayload<E>);
    set.add(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(entry);
      if (set.size === 0) subscribers.delete(event);
      if (subscribers.size === 0) ipc.removeListener(IPC_EVENT_CHANNEL, deliver);
    };
  };

  return { call, on } satisfies ApiClient;
}

/** A dialog's answer: a grant and a name, or null (cancelled); anything else means the main process is not ours to trust. */
function chosenFile(reply: unknown): ChosenFile | null {
  const result = unwrapReply(reply);
  if (result === null) return null;
  if (isRecord(result) && typeof result.grant === 'string' && typeof result.name === 'string') return { grant: result.grant, name: result.name };
  throw UNREACHABLE;
}

/** `window.realmultillmFiles`: the main process opens the dialog and answers with a grant for the file chosen. */
export function createFileDialogs(ipc: BridgeIpc): FileDialogs {
  const ask = async (channel: string, ...args: unknown[]): Promise<ChosenFile | null> => {
    let reply: unknown;
    try {
      reply = await ipc.invoke(channel, ...args);
    } catch {
      throw UNREACHABLE;
    }
    return chosenFile(reply);
  };
  return {
    chooseExportFile: (format, labels) => ask(IPC_SAVE_PATH_CHANNEL, format, { title: labels?.title, button: labels?.button }),
    chooseImportFile: (labels) => ask(IPC_OPEN_PATH_CHANNEL, { title: labels?.title, button: labels?.button }),
  };
}
