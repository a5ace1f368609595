// One-time capabilities for files. The core never takes a path from the page:
// the part that asked the user (Electron's main process with its dialogs, the
// browser host with its uploads and its allowed folders) mints a grant for
// exactly the file chosen, and the page hands that grant back to
// transfer.import or transfer.export. A grant is a 256-bit random token, bound
// to one resolved path and to reading or writing, usable once, within minutes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/api/errors';

export type FileAccess = 'read' | 'write';

/** What a grant stands for, once taken. */
export interface GrantedFile {
  readonly path: string;
  /** The file's name, for the page to show (it never needs the full path). */
  readonly name: string;
  readonly access: FileAccess;
  /** A copy the app made (an upload): deleted once used, or once its grant expires. */
  readonly deleteAfter: boolean;
  /** The user already agreed to replace this file (the save dialog asked). */
  readonly replaceConfirmed: boolean;
}

export interface GrantOptions {
  deleteAfter?: boolean;
  replaceConfirmed?: boolean;
}

/** What the page receives: the token and the name to show. */
export interface FileGrant {
  grant: string;
  name: string;
}

export const GRANT_TTL_MS = 10 * 60 * 1000;
/** Grants minted but not used are few (one per dialog or upload); this bounds a flood. */
const MAX_OUTSTANDING = 1000;

interface Entry {
  file: GrantedFile;
  expiresAt: number;
}

export class FileGrants {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? GRANT_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  grantRead(file: string, options: GrantOptions = {}): FileGrant {
    return this.#mint(file, 'read', options);
  }

  grantWrite(file: string, options: GrantOptions = {}): FileGrant {
    return this.#mint(file, 'write', options);
  }

  /**
   * The file behind `grant`, for `access`; the grant is spent whatever the outcome.
   * A token never minted (or already spent), an expired one, or one minted for the
   * other access is refused with a coded error, before anything is read or written.
   */
  take(grant: string, access: FileAccess): GrantedFile {
    this.#prune();
    const entry = this.#entries.get(grant);
    this.#entries.delete(grant);
    if (!entry) throw notGranted();
    if (entry.file.access !== access) {
      discard(entry.file);
      throw notGranted();
    }
    if (entry.expiresAt <= this.#now()) {
      discard(entry.file);
      throw new AppError('transfer.grant_expired', `The file was chosen more than ${this.#ttlMs / 60_000} minutes ago. Choose it again.`, {
        minutes: Math.round(this.#ttlMs / 60_000),
      });
    }
    return entry.file;
  }

  /** Forgets every grant (the core is closing); copies the app made are deleted. */
  clear(): void {
    for (const { file } of this.#entries.values()) discard(file);
    this.#entries.clear();
  }

  #mint(file: string, access: FileAccess, options: GrantOptions): FileGrant {
    this.#prune();
    if (!path.isAbsolute(file)) throw new Error(`A grant needs a full path, not "${file}".`);
    const resolved = path.resolve(file);
    const grant = crypto.randomBytes(32).toString('base64url');
    const name = path.basename(resolved);
    this.#entries.set(grant, {
      file: { path: resolved, name, access, deleteAfter: options.deleteAfter ?? false, replaceConfirmed: options.replaceConfirmed ?? false },
      expiresAt: this.#now() + this.#ttlMs,
    });
    while (this.#entries.size > MAX_OUTSTANDING) {
      const [oldest, entry] = this.#entries.entries().next().value as [string, Entry];
      this.#entries.delete(oldest);
      discard(entry.file);
    }
    return { grant, name };
  }

  /** Expired grants go; expired uploads with them. Kept only until the entry would be refused anyway. */
  #prune(): void {
    const now = this.#now();
    for (const [grant, entry] of this.#entries) {
      // An expired entry is kept one more TTL so its use is told "expired", not "unknown".
      if (entry.expiresAt + this.#ttlMs <= now) {
        this.#entries.delete(grant);
        discard(entry.file);
      } else if (entry.expiresAt <= now && entry.file.deleteAfter) {
        discard(entry.file);
      }
    }
  }
}

function notGranted(): AppError {
  return new AppError('transfer.not_granted', 'That file was not chosen in this app, or its choice was already used. Choose the file again.');
}

/** A copy the app made for a grant goes with it. */
function discard(file: GrantedFile): void {
  if (file.deleteAfter) fs.rmSync(file.path, { force: true });
}
