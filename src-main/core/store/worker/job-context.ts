// What a transfer job gets from the store worker it runs in.
import type Database from 'better-sqlite3';
import type { Repositories } from '../repositories';

export interface JobContext {
  db: Database.Database;
  repositories: Repositories;
  /** The database file (exports resolve nothing against it; imports name it in errors). */
  file: string;
  /** The space imported rows belong to. */
  spaceId: string;
}

export interface JobControl {
  jobId: string;
  signal: AbortSignal;
  progress(value: unknown): void;
}
