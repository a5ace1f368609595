// An import's search index: each batch indexed in bulk into an FTS5 table of its
// own (the writer's scratch table in memory, or the parser's in the staging
// database), whose finished segments the writer then copies into the store's
// index in the batch's own transaction.
//
// Through the store's trigger (one index insert per message row) the index cost
// the writer 24 s of CPU in a million-message import, three quarters of its time,
// and the writer is the import's critical path. Indexing the batch in one
// INSERT ... SELECT into a table of the same tokenizer and prefixes costs about
// 15 s (on an idle core), and copying its segments is page copies: the import took
// 26.6 s instead of 33.9 (docs/perf/store.md). While the writer is
// behind, the parser builds the batch's index as it stages it (staging.ts), so
// the two cores share that work: 3 s less again. The rows copied are the ones
// FTS5 itself writes; what it stores (https://sqlite.org/fts5.html names the shadow tables;
// the record formats are those of fts5_index.c):
//
// - the structure record (`_data` id 10): a 4-byte cookie, then varints: levels,
//   segments, a write counter, and per level its merge count and segments
//   (segid, first and last leaf page);
// - each segment's pages in `_data`, ids `segid << 37` up to the next segid's;
// - each segment's page index in `_idx` (segid, term, page);
// - per row its token count in `_docsize`, and the totals in `_data` id 1.
//
// These records are FTS5's internals, not an interface SQLite promises to keep:
// the splice runs only on the SQLite versions its tests passed on
// (SPLICE_VERIFIED_SQLITE). On any other version, and for an index this code does
// not know (another tokenizer, a structure record of another version), the writer
// indexes through the trigger as before: slower, never wrong. Tests check the
// result with FTS5's own integrity-check.
import type Database from 'better-sqlite3';

/**
 * The SQLite versions (`SELECT sqlite_version()`) whose FTS5 the splice was
 * verified on: the one better-sqlite3 bundles. An upgrade of better-sqlite3 brings
 * another, and imports then index through the trigger (slower) until it is added
 * here. To add one: with that better-sqlite3 installed, run
 * `npx vitest run src-main/core/store/import/fts-splice.test.ts`; every test must
 * pass (each checks the spliced index with FTS5's integrity-check), then add its
 * version to this list.
 */
export const SPLICE_VERIFIED_SQLITE: readonly string[] = ['3.53.2'];

export function sqliteVersion(db: Database.Database): string {
  return db.prepare('SELECT sqlite_version()').pluck().get() as string;
}

/** The store's index options (migration 0006); the scratch index must tokenize exactly as the store's. */
export const SEARCH_TOKENIZE = 'unicode61 remove_diacritics 2';
export const SEARCH_PREFIX = '3';

const STRUCTURE_ID = 10;
const AVERAGES_ID = 1;
/** A segment's pages have ids from segid << 37 (31 bits of page, 5 of height, 1 doclist-index flag). */
const SEGMENT_SHIFT = 2 ** 37;
/** FTS5 allows up to 2000 segments. */
const MAX_SEGMENTS = 2000;
/** FTS5's default 'crisismerge'. */
const FTS5_CRISISMERGE = 16;

export interface Segment {
  segid: number;
  first: number;
  last: number;
}

export interface Structure {
  cookie: Uint8Array;
  writeCounter: number;
  levels: { merge: number; segments: Segment[] }[];
}

/** SQLite's varint: big-endian groups of 7 bits, the high bit set on all but the last (a 9th byte has 8). */
function readVarint(bytes: Uint8Array, at: { i: number }): number {
  let value = 0;
  for (let n = 0; n < 8; n++) {
    const byte = bytes[at.i++];
    if (byte === undefined) throw new Error('truncated varint');
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return value;
  }
  return value * 256 + bytes[at.i++]!;
}

function writeVarint(out: number[], value: number): void {
  const groups: number[] = [];
  for (let v = value; ; v = Math.floor(v / 128)) {
    groups.unshift(v % 128);
    if (v < 128) break;
  }
  if (groups.length > 8) throw new Error(`varint too large: ${value}`);
  groups.forEach((group, n) => out.push(n < groups.length - 1 ? group | 0x80 : group));
}

/** Decodes a structure record; null for one this code does not know (FTS5's V2, with tombstones) or cannot read. */
export function decodeStructure(block: Uint8Array): Structure | null {
  try {
    return decodeV1(block);
  } catch {
    return null;
  }
}

function decodeV1(block: Uint8Array): Structure | null {
  if (block.length < 7) return null;
  if (block[4] === 0xff && block[5] === 0x00 && block[6] === 0x00 && block[7] === 0x01) return null;
  const at = { i: 4 };
  const levelCount = readVarint(block, at);
  const segmentCount = readVarint(block, at);
  const writeCounter = readVarint(block, at);
  const levels: Structure['levels'] = [];
  let seen = 0;
  for (let level = 0; level < levelCount; level++) {
    const merge = readVarint(block, at);
    const count = readVarint(block, at);
    const segments: Segment[] = [];
    for (let n = 0; n < count; n++) {
      segments.push({ segid: readVarint(block, at), first: readVarint(block, at), last: readVarint(block, at) });
    }
    seen += count;
    levels.push({ merge, segments });
  }
  if (seen !== segmentCount || at.i !== block.length) return null;
  return { cookie: block.slice(0, 4), writeCounter, levels };
}

export function encodeStructure(structure: Structure): Uint8Array {
  const out: number[] = [...structure.cookie];
  writeVarint(out, structure.levels.length);
  writeVarint(out, structure.levels.reduce((sum, level) => sum + level.segments.length, 0));
  writeVarint(out, structure.writeCounter);
  for (const level of structure.levels) {
    writeVarint(out, level.merge);
    writeVarint(out, level.segments.length);
    for (const s of level.segments) {
      writeVarint(out, s.segid);
      writeVarint(out, s.first);
      writeVarint(out, s.last);
    }
  }
  return Uint8Array.from(out);
}

/** Rows and tokens indexed (a one-column index's averages record). */
export interface IndexTotals {
  rows: number;
  tokens: number;
}

export function decodeTotals(block: Uint8Array | undefined): IndexTotals {
  if (!block || block.length === 0) return { rows: 0, tokens: 0 };
  const at = { i: 0 };
  const rows = readVarint(block, at);
  return { rows, tokens: readVarint(block, at) };
}

function encodeTotals(totals: IndexTotals): Uint8Array {
  const out: number[] = [];
  writeVarint(out, totals.rows);
  writeVarint(out, totals.tokens);
  return Uint8Array.from(out);
}

/** Reads an FTS5 table's structure (`schema.table`); null when it is missing or unknown. */
export function readStructure(db: Database.Database, table: string): Structure | null {
  const row = db.prepare(`SELECT block FROM ${table}_data WHERE id = ${STRUCTURE_ID}`).get() as { block: Uint8Array } | undefined;
  return row ? decodeStructure(row.block) : null;
}

export function readTotals(db: Database.Database, table: string): IndexTotals {
  const row = db.prepare(`SELECT block FROM ${table}_data WHERE id = ${AVERAGES_ID}`).get() as { block: Uint8Array } | undefined;
  return decodeTotals(row?.block);
}

export const segmentIds = (structure: Structure): number[] => structure.levels.flatMap((level) => level.segments.map((s) => s.segid));

/**
 * The parser's index in the staging database (`fts`): the same options, a hash
 * large enough that a commit is one segment, and no merging.
 */
export const STAGING_INDEX_SQL = `
  CREATE VIRTUAL TABLE fts USING fts5(content, content = '', tokenize = '${SEARCH_TOKENIZE}', prefix = '${SEARCH_PREFIX}');
  INSERT INTO fts (fts, rank) VALUES ('hashsize', 67108864);
  INSERT INTO fts (fts, rank) VALUES ('automerge', 0);
  INSERT INTO fts (fts, rank) VALUES ('crisismerge', ${MAX_SEGMENTS - 1});
`;

/**
 * Attaches the writer's scratch index, in memory: contentless, the store's
 * tokenizer and prefixes, a hash large enough that a batch is one segment, and
 * no merging (the store's index merges after the import). False, and nothing
 * attached, if this SQLite's FTS5 does not take the commands the splice uses.
 */
export function openScratchIndex(db: Database.Database): boolean {
  db.exec("ATTACH DATABASE ':memory:' AS scratch");
  try {
    db.exec(`
      CREATE VIRTUAL TABLE scratch.fts USING fts5(content, content = '', tokenize = '${SEARCH_TOKENIZE}', prefix = '${SEARCH_PREFIX}');
      INSERT INTO scratch.fts (fts, rank) VALUES ('hashsize', 67108864);
      INSERT INTO scratch.fts (fts, rank) VALUES ('automerge', 0);
      INSERT INTO scratch.fts (fts, rank) VALUES ('crisismerge', ${MAX_SEGMENTS - 1});
      INSERT INTO scratch.fts (fts) VALUES ('flush');
      INSERT INTO scratch.fts (fts) VALUES ('delete-all');
    `);
    if (readStructure(db, 'scratch.fts') !== null) return true;
  } catch {
    // Not this SQLite's FTS5: the trigger indexes.
  }
  db.exec('DETACH DATABASE scratch');
  return false;
}

/**
 * Whether an import may splice segments into the store's index: this SQLite is
 * one the splice was verified on (`verified`, for tests), the index's options are
 * the scratch index's, and its structure record is one this code reads.
 */
export function storeIndexSpliceable(db: Database.Database, verified: readonly string[] = SPLICE_VERIFIED_SQLITE): boolean {
  if (!verified.includes(sqliteVersion(db))) return false;
  const sql = db.prepare("SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = 'messages_fts'").pluck().get() as string | undefined;
  if (!sql) return false;
  const squeezed = sql.replace(/\s+/g, ' ');
  if (!squeezed.includes(`tokenize = '${SEARCH_TOKENIZE}'`) || !squeezed.includes(`prefix = '${SEARCH_PREFIX}'`)) return false;
  if (/detail|columnsize|contentless_delete|tokendata|locale/i.test(squeezed)) return false;
  // FTS5 writes an empty structure record as it creates an index.
  return readStructure(db, 'main.messages_fts') !== null;
}

/** Writes the scratch index's pending segment (FTS5 otherwise writes it at commit); returns how many segments it holds. */
export function flushScratch(db: Database.Database): number {
  db.exec("INSERT INTO scratch.fts (fts) VALUES ('flush')");
  const scratch = readStructure(db, 'scratch.fts');
  if (!scratch) throw new Error('The scratch search index has a structure this version cannot read.');
  return segmentIds(scratch).length;
}

export function clearScratch(db: Database.Database): void {
  db.exec("INSERT INTO scratch.fts (fts) VALUES ('delete-all')");
}

/**
 * Whether the store's index takes this many more segments now. FTS5 merges a
 * level's segments all at once when the level holds 'crisismerge' of them (200
 * during an import); a batch that would reach that goes through the trigger, so
 * that FTS5 does the merge it would have done anyway.
 */
export function roomForSegments(db: Database.Database, count: number): boolean {
  const structure = readStructure(db, 'main.messages_fts');
  if (structure === null) return false;
  const setting = db.prepare("SELECT v FROM main.messages_fts_config WHERE k = 'crisismerge'").pluck().get() as number | undefined;
  const crisis = setting === undefined ? FTS5_CRISISMERGE : Number(setting);
  return (structure.levels[0]?.segments.length ?? 0) + count < crisis && segmentIds(structure).length + count < MAX_SEGMENTS;
}

/** Where a splice takes its segments from. */
export interface SegmentSource {
  /** The FTS5 table that holds them: `scratch.fts`, or the parser's `staging.fts`. */
  table: string;
  /** Which of its segments (all of them when absent). */
  segids?: number[];
  /** The rows whose token counts go with them: SQL selecting their rowids (all rows when absent). */
  rows?: { sql: string; params: Record<string, number> };
  /** What they add to the index's totals. */
  totals: IndexTotals;
}

/**
 * Copies segments of another FTS5 table of the same options into the store's
 * index (`main.messages_fts`), as its newest segments. Call it inside the
 * writer's transaction, with better-sqlite3's defensive mode off (FTS5's shadow
 * tables are otherwise read-only), and then `forgetCachedStructure`.
 */
export function spliceSegments(db: Database.Database, source: SegmentSource): void {
  const from = readStructure(db, source.table);
  const main = readStructure(db, 'main.messages_fts');
  if (!from || !main) throw new Error('The search index has a structure this version cannot read.');
  const all = from.levels.flatMap((level) => level.segments);
  const wanted = source.segids ? new Set(source.segids) : null;
  const segments = wanted ? all.filter((segment) => wanted.has(segment.segid)) : all;
  if (wanted && segments.length !== wanted.size) throw new Error('Segments of the import’s search index are missing.');
  const used = new Set(segmentIds(main));
  if (used.size + segments.length > MAX_SEGMENTS) throw new Error('The search index has too many segments to take an import’s.');
  const copyPages = db.prepare(
    `INSERT INTO main.messages_fts_data (id, block)
     SELECT id + (@to - @from) * ${SEGMENT_SHIFT}, block FROM ${source.table}_data
     WHERE id >= @from * ${SEGMENT_SHIFT} AND id < (@from + 1) * ${SEGMENT_SHIFT}`,
  );
  const copyPageIndex = db.prepare(
    `INSERT INTO main.messages_fts_idx (segid, term, pgno) SELECT @to, term, pgno FROM ${source.table}_idx WHERE segid = @from`,
  );
  if (main.levels.length === 0) main.levels.push({ merge: 0, segments: [] });
  let next = 1;
  for (const segment of segments) {
    while (used.has(next)) next += 1;
    used.add(next);
    // BigInts, so SQLite gets integers (a JavaScript number is bound as a REAL).
    const ids = { from: BigInt(segment.segid), to: BigInt(next) };
    copyPages.run(ids);
    copyPageIndex.run(ids);
    // The newest segment of level 0, where FTS5 puts each segment it writes.
    main.levels[0]!.segments.push({ segid: next, first: segment.first, last: segment.last });
    main.writeCounter += segment.last - segment.first + 1;
  }
  const sizes = `INSERT INTO main.messages_fts_docsize (id, sz) SELECT id, sz FROM ${source.table}_docsize`;
  if (source.rows) db.prepare(`${sizes} WHERE id IN (${source.rows.sql})`).run(source.rows.params);
  else db.exec(sizes);
  const totals = readTotals(db, 'main.messages_fts');
  const write = db.prepare('INSERT OR REPLACE INTO main.messages_fts_data (id, block) VALUES (?, ?)');
  write.run(AVERAGES_ID, encodeTotals({ rows: totals.rows + source.totals.rows, tokens: totals.tokens + source.totals.tokens }));
  write.run(STRUCTURE_ID, encodeStructure(main));
}

/** Splices all that `flushScratch` wrote in the scratch index, and empties it. */
export function spliceScratch(db: Database.Database): void {
  spliceSegments(db, { table: 'scratch.fts', totals: readTotals(db, 'scratch.fts') });
  clearScratch(db);
}

/**
 * FTS5 keeps the structure record in memory per connection and rereads it only
 * when another connection has written (PRAGMA data_version), so after a splice
 * the writer's own copy is stale. A rolled-back transaction that touched the
 * index drops it (FTS5 forgets what it cached on any rollback).
 */
export function forgetCachedStructure(db: Database.Database): void {
  try {
    db.exec("BEGIN; INSERT INTO main.messages_fts (messages_fts, rank) VALUES ('automerge', 0);");
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}
