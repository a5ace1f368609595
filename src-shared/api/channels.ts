// Electron IPC channel names, in a file of their own so the sandboxed preload can
// import them without bundling zod.

/** Electron IPC channels all start with this prefix; anything else is refused. */
export const IPC_PREFIX = 'realmultillm:';
export const IPC_CALL_CHANNEL = `${IPC_PREFIX}call`;
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;
/** The desktop app's native save dialog for an export (src-main/electron/save-dialog.ts). */
export const IPC_SAVE_PATH_CHANNEL = `${IPC_PREFIX}choose-export-path`;
