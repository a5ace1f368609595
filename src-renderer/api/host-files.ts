// Files to and from the core, which takes no path from the page: only a one-time
// grant for a file the user chose (docs/ARCHITECTURE.md, "Files"). Under Electron
// the system's open and save dialogs answer with one (the preload asks the main
// process). In a browser, a chosen file is sent to the browser host (POST /upload),
// which keeps a copy and answers with a grant to read it; a typed path is granted
// by the host (POST /grant) only inside its allowed folders; an export comes back
// as a download (POST /export). These requests carry the access token (see
// src-main/host/server.ts), and their refusals are coded errors.
import {
  HOST_EXPORT_CONVERSATIONS_HEADER,
  HOST_EXPORT_MESSAGES_HEADER,
  HOST_EXPORT_PATH,
  HOST_GRANT_PATH,
  HOST_TOKEN_HEADER,
  HOST_UPLOAD_PATH,
} from '../../src-shared/api/channels';
import type { UserError } from '../../src-shared/domain';

/** A file the user chose: the grant `transfer.import` or `transfer.export` takes, and the name to show. */
export interface ChosenFile {
  grant: string;
  name: string;
}

let hostToken: string | null = null;

/** The browser host's access token, once the transport has read it (transport.ts). */
export function rememberHostToken(token: string): void {
  hostToken = token;
}

/** Why a file could not be handed over: the app's coded error, or none (the renderer says it). */
export class ChosenFileError extends Error {
  constructor(readonly appError: UserError | null) {
    super(appError?.message ?? 'The file could not be sent to the app.');
  }
}

/** The coded error in a reply of the browser host, if it sent one. */
function hostError(body: unknown): UserError | null {
  const error = (body as { error?: unknown } | null)?.error as Partial<UserError> | undefined;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  return { code: error.code, message: error.message, params: typeof error.params === 'object' && error.params !== null ? error.params : {} };
}

/** True under Electron, whose preload opens the system's dialogs. */
export function hasFileDialogs(win: Window = window): boolean {
  return typeof win.realmultillmFiles?.chooseImportFile === 'function';
}

/** The export file the user chose in the system's open dialog, or null when they cancelled. */
export function chooseImportFile(labels: { title: string; button: string }, win: Window = window): Promise<ChosenFile | null> {
  const files = win.realmultillmFiles;
  return files ? files.chooseImportFile(labels) : Promise.resolve(null);
}

/** The file the user chose in the system's save dialog, or null when they cancelled. */
export function chooseExportFile(
  format: 'markdown' | 'json',
  labels: { title: string; button: string },
  win: Window = window,
): Promise<ChosenFile | null> {
  const files = win.realmultillmFiles;
  return files ? files.chooseExportFile(format, labels) : Promise.resolve(null);
}

/** True on the browser host, which grants typed paths inside its allowed folders and sends exports as downloads. */
export function onBrowserHost(win: Window = window): boolean {
  return !win.realmultillm && hostToken !== null;
}

/** A file picked in the page, sent to the browser host (progress from 0 to 1), as a grant to read the host's copy. */
export async function uploadChosenFile(file: File, onProgress: (fraction: number) => void): Promise<ChosenFile> {
  if (!hostToken) throw new ChosenFileError(null);
  const token = hostToken;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', HOST_UPLOAD_PATH);
    request.setRequestHeader(HOST_TOKEN_HEADER, token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not ours: said below without a message.
      }
      const grant = (body as { grant?: unknown } | null)?.grant;
      if (request.status === 201 && typeof grant === 'string') resolve({ grant, name: file.name });
      else reject(new ChosenFileError(hostError(body)));
    };
    request.onerror = () => reject(new ChosenFileError(null));
    request.send(file);
  });
}

/** A path typed in the page, granted by the browser host when it lies inside its allowed folders. */
export async function grantTypedPath(path: string, access: 'read' | 'write'): Promise<ChosenFile> {
  if (!hostToken) throw new ChosenFileError(null);
  let response: Response;
  let body: unknown = null;
  try {
    response = await fetch(HOST_GRANT_PATH, {
      method: 'POST',
      headers: { [HOST_TOKEN_HEADER]: hostToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path, access }),
    });
    body = await response.json().catch(() => null);
  } catch {
    throw new ChosenFileError(null);
  }
  const { grant, name } = (body ?? {}) as { grant?: unknown; name?: unknown };
  if (response.ok && typeof grant === 'string' && typeof name === 'string') return { grant, name };
  throw new ChosenFileError(hostError(body));
}

export interface DownloadedExport {
  fileName: string;
  content: Blob;
  conversations: number;
  messages: number;
}

/** Runs an export on the browser host and returns the file (progress comes as transfer.progress events for `jobId`). */
export async function downloadExport(request: { jobId: string; format: 'markdown' | 'json'; conversationId?: string }): Promise<DownloadedExport> {
  if (!hostToken) throw new ChosenFileError(null);
  let response: Response;
  try {
    response = await fetch(HOST_EXPORT_PATH, {
      method: 'POST',
      headers: { [HOST_TOKEN_HEADER]: hostToken, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw new ChosenFileError(null);
  }
  if (!response.ok) throw new ChosenFileError(hostError(await response.json().catch(() => null)));
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `realmultillm.${request.format === 'json' ? 'json' : 'md'}`;
  return {
    fileName,
    content: await response.blob(),
    conversations: Number(response.headers.get(HOST_EXPORT_CONVERSATIONS_HEADER) ?? 0),
    messages: Number(response.headers.get(HOST_EXPORT_MESSAGES_HEADER) ?? 0),
  };
}
