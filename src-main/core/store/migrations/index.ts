// Every schema change, oldest first. A new schema is a new entry at the end; an
// entry that has shipped is never edited (databases already ran it).
import type { Migration } from '../migrate';
import { initial } from './0001-initial';

export const MIGRATIONS: readonly Migration[] = [initial];
