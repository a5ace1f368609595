// Files to and from the core where a page cannot name a path. An export file the
// user chose becomes a path for an import: under Electron the preload tells where
// the file is; in a browser the file is sent to the browser host (POST /upload),
// which keeps a copy that the import deletes. An export comes back from the
// browser host as a download (POST /export); both requests carry the access
// token (see src-main/host/server.ts). Under Electron an export goes where the
// user says in the system's save dialog (the preload asks the main process).
import {
  HOST_EXPORT_CONVERSATIONS_HEADER,
  HOST_EXPORT_MESSAGES_HEADER,
  HOST_EXPORT_PATH,
  HOST_TOKEN_HEADER,
  HOST_UPLOAD_PATH,
} from '../../src-shared/api/channels';

let hostToken: string | null = null;

/** The browser host's access token, once the transport has read it (transport.ts). */
export function rememberHostToken(token: string): void {
  hostToken = token;
}

/** Why a file could not be handed over: the app's own sentence, or none (the renderer says it). */
export class ChosenFileError extends Error {
  constructor(readonly appMessage: string | null) {
    super(appMessage ?? 'The file could not be sent to the app.');
  }
}

/** The file's path; in a browser, after sending it (progress from 0 to 1). */
export async function pathForChosenFile(file: File, onProgress: (fraction: number) => void, win: Window = window): Promise<string> {
  const local = win.realmultillmFiles?.pathFor(file);
  if (local) return local;
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
      let body: { path?: unknown; message?: unknown } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // Not ours: said below without a message.
      }
      if (request.status === 201 && typeof body.path === 'string') resolve(body.path);
      else reject(new ChosenFileError(typeof body.message === 'string' ? body.message : null));
    };
    request.onerror = () => reject(new ChosenFileError(null));
    request.send(file);
  });
}

/** True under Electron, whose preload opens the system's save dialog for an export. */
export function canChooseExportPath(win: Window = window): boolean {
  return typeof win.realmultillmFiles?.chooseExportPath === 'function';
}

/** The path the user chose in the save dialog, or null when they cancelled. */
export function chooseExportPath(
  format: 'markdown' | 'json',
  labels: { title: string; button: string },
  win: Window = window,
): Promise<string | null> {
  const files = win.realmultillmFiles;
  if (!files?.chooseExportPath) return Promise.resolve(null);
  return files.chooseExportPath(format, labels);
}

/** True where exports can come back as downloads: the browser host (the desktop app writes them where the user says). */
export function canDownloadExports(win: Window = window): boolean {
  return !win.realmultillm && hostToken !== null;
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
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: unknown };
    throw new ChosenFileError(typeof body.message === 'string' ? body.message : null);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `realmultillm.${request.format === 'json' ? 'json' : 'md'}`;
  return {
    fileName,
    content: await response.blob(),
    conversations: Number(response.headers.get(HOST_EXPORT_CONVERSATIONS_HEADER) ?? 0),
    messages: Number(response.headers.get(HOST_EXPORT_MESSAGES_HEADER) ?? 0),
  };
}
