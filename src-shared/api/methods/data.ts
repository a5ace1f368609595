// The local data's methods: search, import/export, backups and integrity, analytics.
import { analyticsMethods } from './analytics';
import { backupEvents, backupMethods } from './backup';
import { searchMethods } from './search';
import { transferEvents, transferMethods } from './transfer';

export const dataMethods = { ...searchMethods, ...transferMethods, ...backupMethods, ...analyticsMethods } as const;
export const dataEvents = { ...transferEvents, ...backupEvents } as const;
