// Paths typed in the browser host's page: the only ones it grants are inside the
// data folder or a folder the user named when starting it (`--allow-dir`). Each
// path is resolved first (`..`, then symlinks, of the file and of its folders),
// so no spelling and no link leads outside.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/api/errors';
import type { FileAccess } from './grants';

export class AllowedFolders {
  /** The folders as they really are (symlinks resolved), so a link inside one cannot lead out. */
  readonly #roots: string[];

  /** Each folder must exist; a missing one throws. */
  constructor(folders: string[]) {
    this.#roots = [...new Set(folders.map((folder) => fs.realpathSync(folder)))];
  }

  get folders(): readonly string[] {
    return this.#roots;
  }

  /**
   * The real path of `typed` when it lies inside an allowed folder; a coded error
   * otherwise. To read, the file must exist; to write, its folder must (the file
   * may not, and when it does, its real path must be inside too).
   */
  resolve(typed: string, access: FileAccess): string {
    if (!path.isAbsolute(typed)) {
      throw new AppError('transfer.relative-path', `"${typed}" is not a full path. Type the whole path, starting at the root.`, { path: typed });
    }
    const real = access === 'read' ? this.#realFile(typed) : this.#realTarget(typed);
    if (!this.#roots.some((root) => isInside(root, real))) {
      throw new AppError(
        'transfer.outside_folders',
        `${typed} is outside the folders RealMultiLLM may use in browser mode (its data folder and those given with --allow-dir). Choose the file with the file picker, or start the app with --allow-dir and that folder.`,
        { path: typed },
      );
    }
    return real;
  }

  #realFile(typed: string): string {
    try {
      return fs.realpathSync(typed);
    } catch (error) {
      throw new AppError('transfer.unreadable', `${typed} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
        file: typed,
        details: (error as NodeJS.ErrnoException).code ?? 'error',
      });
    }
  }

  #realTarget(typed: string): string {
    const resolved = path.resolve(typed);
    let folder: string;
    try {
      folder = fs.realpathSync(path.dirname(resolved));
    } catch {
      throw new AppError('transfer.no-folder', `The folder for ${typed} does not exist. Choose an existing folder.`, { path: typed });
    }
    const target = path.join(folder, path.basename(resolved));
    // An existing file (or link) there: where it really leads must be allowed too.
    try {
      return fs.realpathSync(target);
    } catch {
      return target;
    }
  }
}

/** True when `file` is strictly inside `root` (both real, absolute paths). */
function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
