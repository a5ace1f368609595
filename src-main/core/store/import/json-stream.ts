// Reads the conversations of a JSON export one at a time, without holding the
// file in memory: the file is either an array of conversations, or an object
// whose "conversations" key holds that array. A scanner finds where each element
// starts and ends (tracking strings, escapes and nesting), and only that
// element's text is parsed.
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../../../src-shared/api/errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const BOM = 0xfeff;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === BOM;

export const transferErrors = {
  malformed: (file: string, detail: string) =>
    new AppError(
      'transfer.malformed',
      `${file} is not a complete export: ${detail}. Nothing was imported. Download the export again and import the new file.`,
      { file, details: detail },
    ),
  unreadable: (file: string, reason: string) =>
    new AppError('transfer.unreadable', `${file} could not be read (${reason}). Check the path and that the file still exists.`, { file, details: reason }),
  diskFull: (folder: string) =>
    new AppError(
      'transfer.disk-full',
      `The disk holding ${folder} is full, so the import stopped. Nothing was imported and your conversations are as they were. ` +
        'Free some space (about four times the size of the export), then import the file again.',
        { path: folder },
    ),
  readOnly: (folder: string) =>
    new AppError(
      'transfer.read-only',
      `RealMultiLLM cannot write to ${folder}, so the import stopped. Nothing was imported and your conversations are as they were. ` +
        'Make the data folder writable, then import the file again.',
        { path: folder },
    ),
};

/** A full disk or read-only folder met by an import (by SQLite or the file system), in words; other errors as they are. */
export function explainImportIo(error: unknown, dataFolder: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return transferErrors.diskFull(dataFolder);
  if (code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return transferErrors.readOnly(dataFolder);
  return error;
}

/** Finds the elements of the conversations array in text fed to it chunk by chunk. */
export class ConversationArrayScanner {
  private depth = 0;
  private inString = false;
  /** Backslashes at the end of the previous chunk, inside a string. */
  private pendingBackslashes = 0;
  private root: 'unknown' | 'array' | 'object' = 'unknown';
  /** The depth of an element of the target array (inside it), once found. */
  private elementDepth = -1;
  private finished = false;
  private inElement = false;
  private elementParts: string[] = [];
  private elementStart = 0;
  /** The last string seen directly inside the root object: the key of the value that follows. */
  private lastKey = '';
  private keyParts: string[] | null = null;
  private keyStart = 0;
  /** Elements emitted so far. */
  count = 0;

  constructor(private readonly file: string) {}

  feed(chunk: string, emit: (elementText: string) => void): void {
    const length = chunk.length;
    let i = 0;
    if (this.inElement) this.elementStart = 0;
    if (this.keyParts) this.keyStart = 0;
    while (i < length) {
      if (this.inString) {
        const quote = chunk.indexOf('"', i);
        if (quote === -1) {
          let run = 0;
          for (let j = length - 1; j >= i && chunk.charCodeAt(j) === BACKSLASH; j--) run += 1;
          this.pendingBackslashes = run === length - i ? this.pendingBackslashes + run : run;
          i = length;
          break;
        }
        let run = 0;
        for (let j = quote - 1; j >= i && chunk.charCodeAt(j) === BACKSLASH; j--) run += 1;
        if (run === quote - i) run += this.pendingBackslashes;
        this.pendingBackslashes = 0;
        i = quote + 1;
        if (run % 2 === 1) continue;
        this.inString = false;
        if (this.keyParts) {
          this.keyParts.push(chunk.slice(this.keyStart, quote));
          this.lastKey = this.keyParts.join('');
          this.keyParts = null;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === QUOTE) {
        this.inString = true;
        this.pendingBackslashes = 0;
        if (this.root === 'object' && this.depth === 1) {
          this.keyParts = [];
          this.keyStart = i + 1;
        } else if (this.depth === this.elementDepth && !this.inElement && !this.finished) {
          throw transferErrors.malformed(this.file, `item ${this.count + 1} of the conversations list is not a conversation`);
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.root === 'unknown') {
          this.root = c === OPEN_ARRAY ? 'array' : 'object';
          if (this.root === 'array') this.elementDepth = 1;
        } else if (this.root === 'object' && this.depth === 1 && c === OPEN_ARRAY && this.lastKey === 'conversations' && this.elementDepth === -1) {
          this.elementDepth = 2;
        } else if (this.depth === this.elementDepth && !this.inElement && !this.finished) {
          this.inElement = true;
          this.elementStart = i;
          this.elementParts = [];
        }
        this.depth += 1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth -= 1;
        if (this.depth < 0) throw transferErrors.malformed(this.file, 'it has a closing bracket without an opening one');
        if (this.inElement && this.depth === this.elementDepth) {
          this.elementParts.push(chunk.slice(this.elementStart, i + 1));
          const text = this.elementParts.length === 1 ? this.elementParts[0]! : this.elementParts.join('');
          this.inElement = false;
          this.elementParts = [];
          this.count += 1;
          emit(text);
        } else if (this.depth === this.elementDepth - 1 && this.elementDepth > 0) {
          this.finished = true;
        }
      } else if (!isSpace(c)) {
        if (this.root === 'unknown') throw transferErrors.malformed(this.file, 'it does not start with [ or {, so it is not JSON');
        if (this.depth === this.elementDepth && !this.inElement && !this.finished && c !== COMMA) {
          throw transferErrors.malformed(this.file, `item ${this.count + 1} of the conversations list is not a conversation`);
        }
      }
      i += 1;
    }
    if (this.inElement) this.elementParts.push(chunk.slice(this.elementStart));
    if (this.keyParts) this.keyParts.push(chunk.slice(this.keyStart));
  }

  /** Call at the end of the file: a file cut short is an error, never a silent partial list. */
  end(): void {
    if (this.root === 'unknown') throw transferErrors.malformed(this.file, 'it is empty');
    if (this.depth !== 0 || this.inString) {
      throw transferErrors.malformed(this.file, `it ends part-way through (after ${this.count} complete conversations), so it was cut short`);
    }
    if (this.elementDepth === -1) throw transferErrors.malformed(this.file, 'it has no list of conversations');
  }
}

export interface ElementRead {
  /** The parsed conversation element. */
  value: unknown;
  /** Its position in the list, from 0. */
  index: number;
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/** Every element of the file's conversations list, parsed, in order. Throws readable errors for bad files. */
export async function* readConversationElements(
  file: string,
  options: { signal?: AbortSignal; chunkBytes?: number } = {},
): AsyncGenerator<ElementRead> {
  try {
    statSync(file);
  } catch (error) {
    throw transferErrors.unreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  const scanner = new ConversationArrayScanner(file);
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  let bytesRead = 0;
  let index = 0;
  const ready: string[] = [];
  const collect = (text: string) => ready.push(text);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) return;
      bytesRead += chunk.length;
      scanner.feed(decoder.write(chunk), collect);
      for (const text of ready.splice(0)) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw transferErrors.malformed(file, `conversation ${index + 1} is not valid JSON (${(error as Error).message})`);
        }
        yield { value, index: index++, bytesRead };
      }
    }
    scanner.feed(decoder.end(), collect);
    scanner.end();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw transferErrors.unreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    stream.destroy();
  }
}
