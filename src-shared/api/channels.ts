// The names of every way to the core besides the contract's methods and events:
// Electron's IPC channels and the browser host's HTTP paths and headers. Both ends
// import them from here. No zod in this file: the renderer and the sandboxed
// preload import its values.

/** Electron IPC channels all start with this prefix; anything else is refused. */
export const IPC_PREFIX = 'realmultillm:';
export const IPC_CALL_CHANNEL = `${IPC_PREFIX}call`;
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;
/**
 * The desktop app's native dialogs (src-main/electron/ipc.ts): the save dialog for
 * an export answers with a grant to write the chosen file, the open dialog for an
 * import with a grant to read it, each with the file's name; never a path the core
 * would trust.
 */
export const IPC_SAVE_PATH_CHANNEL = `${IPC_PREFIX}choose-export-path`;
export const IPC_OPEN_PATH_CHANNEL = `${IPC_PREFIX}choose-import-file`;

/**
 * The browser host (src-main/host): the page's address carries the launch token
 * in its hash (`#token=…`), the API's WebSocket in its query (`/api?token=…`).
 */
export const HOST_TOKEN_PARAM = 'token';
export const HOST_API_PATH = '/api';
/**
 * An export file chosen in the page, for an import: a page cannot name a path on
 * disk, so it POSTs the file here; the host keeps a copy and answers with a grant
 * to read it (`{ grant }`), which `transfer.import` takes.
 */
export const HOST_UPLOAD_PATH = '/upload';
/**
 * Conversations as a download: the page POSTs what `transfer.export` takes (no
 * file); the host answers with the file and its counts in the headers below.
 */
export const HOST_EXPORT_PATH = '/export';
/**
 * A path typed in the page (`{ path, access: 'read' | 'write' }`): the host grants
 * it (`{ grant, name }`) only inside its data folder and the folders it was started
 * with (`--allow-dir`).
 */
export const HOST_GRANT_PATH = '/grant';
/** Carries the launch token on POSTs to the paths above (lower case, as Node reads headers). */
export const HOST_TOKEN_HEADER = 'x-realmultillm-token';
export const HOST_EXPORT_CONVERSATIONS_HEADER = 'x-export-conversations';
export const HOST_EXPORT_MESSAGES_HEADER = 'x-export-messages';
