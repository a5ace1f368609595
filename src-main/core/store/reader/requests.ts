// The reader's request table: search, analytics and backups run on a read-only
// connection of their own, so they never wait behind the writer (WAL lets a
// reader see the last commit while a write is in progress).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { BackupKind } from '../../../../src-shared/entities/backup';
import { SearchQuery } from '../../../../src-shared/entities/search';
import { UsageGrouping, UsageQuery } from '../../../../src-shared/entities/usage';
import { createBackup, listBackups } from '../backup/backups';
import type { ReaderRequests } from '../protocol';
import { createRepositories } from '../repositories';
import { latestVersion } from '../schema/migrate';
import { SearchRepository } from '../search/search-repository';
import { parseInput } from '../worker/validation';

export function startReader(db: Database.Database, file: string, nodeId: string): ReaderRequests {
  const { usage } = createRepositories(db, file, nodeId);
  const search = new SearchRepository(db);
  return {
    search: (query) => search.search(parseInput(SearchQuery, query, 'search')),
    queryUsage: (query) => usage.query(parseInput(UsageQuery, query, 'usage filter')),
    usageTotals: (by, query) => usage.totals(parseInput(UsageGrouping, by, 'grouping'), parseInput(UsageQuery, query, 'usage filter')),
    latencyStats: (query) => usage.latency(parseInput(UsageQuery, query, 'usage filter')),
    createBackup: (kind, keep) =>
      createBackup(db, file, parseInput(BackupKind.exclude(['before-restore']), kind, 'backup kind'), {
        keep: parseInput(z.number().int().min(1).max(1000).optional(), keep, 'backups to keep'),
        newestKnownSchema: latestVersion(),
      }),
    listBackups: () => listBackups(file),
  };
}
