// What every part of the server is given: the database, the clock (tests move it),
// the address people reach the server at, and where to log.
import type { ServerDatabase } from './db/open';

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface ServerContext {
  database: ServerDatabase;
  now: () => number;
  /** The address people and devices reach the server at: links it prints and makes start with it. */
  publicUrl: string;
  log: Logger;
}

/** One JSON line per entry on stderr (stdout carries the address and the setup link). */
export const jsonLogger: Logger = {
  info: (message, detail) => console.error(JSON.stringify({ level: 'info', time: new Date().toISOString(), message, ...detail })),
  warn: (message, detail) => console.error(JSON.stringify({ level: 'warn', time: new Date().toISOString(), message, ...detail })),
  error: (message, detail) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...detail })),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
