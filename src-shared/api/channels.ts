// The names of every way to the core besides the contract's methods and events:
// Electron's IPC channels and the browser host's HTTP paths and headers. Both ends
// import them from here. No zod in this file: the renderer and the sandboxed
// preload import its values.

/** Electron IPC channels all start with this prefix; anything else is refused. */
export const IPC_PREFIX = 'realmultillm:';
export const IPC_CALL_CHANNEL = `${IPC_PREFIX}call`;
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;
/** The desktop app's native save dialog for an export (src-main/electron/ipc.ts). */
export const IPC_SAVE_PATH_CHANNEL = `${IPC_PREFIX}choose-export-path`;

/**
 * The browser host (src-main/host): the page's address carries the launch token
 * in its hash (`#token=…`), the API's WebSocket in its query (`/api?token=…`).
 */
export const HOST_TOKEN_PARAM = 'token';
export const HOST_API_PATH = '/api';
/**
 * An export file chosen in the page, for an import: a page cannot name a path on
 * disk, so it POSTs the file here and imports the copy the host answers with.
 */
export const HOST_UPLOAD_PATH = '/upload';
/**
 * Conversations as a download: the page POSTs what `transfer.export` takes (no
 * path); the host answers with the file and its counts in the headers below.
 */
export const HOST_EXPORT_PATH = '/export';
/** Carries the launch token on POSTs to the upload and export paths (lower case, as Node reads headers). */
export const HOST_TOKEN_HEADER = 'x-realmultillm-token';
export const HOST_EXPORT_CONVERSATIONS_HEADER = 'x-export-conversations';
export const HOST_EXPORT_MESSAGES_HEADER = 'x-export-messages';
