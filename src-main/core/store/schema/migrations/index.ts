// Every schema change, oldest first. A new schema is a new entry at the end; an
// entry that has shipped is never edited (databases already ran it).
import type { Migration } from '../migrate';
import { initial } from './0001-initial';
import { library } from './0002-library';
import { search } from './0003-search';
import { searchTuning } from './0004-search-tuning';
import { replyCostReasoning } from './0005-reply-cost-reasoning';
import { searchPrefix } from './0006-search-prefix';
import { replyChunks } from './0007-reply-chunks';
import { replyTtft } from './0008-reply-ttft';
import { goalProgress } from './0009-goal-progress';
import { errorParams } from './0010-error-params';
import { syncClocks } from './0011-sync-clocks';

export const MIGRATIONS: readonly Migration[] = [
  initial,
  library,
  search,
  searchTuning,
  replyCostReasoning,
  searchPrefix,
  replyChunks,
  replyTtft,
  goalProgress,
  errorParams,
  syncClocks,
];
