// An export file the user chose, as a path the core can read for an import. Under
// Electron the preload tells where the file is; in a browser a page cannot know,
// so the file is sent to the browser host (POST /upload with the access token,
// see src-main/host/server.ts), which keeps a copy that the import deletes.

/** The upload path and header of the browser host (src-main/host/server.ts). */
const UPLOAD_PATH = '/upload';
const UPLOAD_TOKEN_HEADER = 'X-RealMultiLLM-Token';

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
    request.open('POST', UPLOAD_PATH);
    request.setRequestHeader(UPLOAD_TOKEN_HEADER, token);
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
