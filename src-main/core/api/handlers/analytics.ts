import type { UsageStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

export function analyticsHandlers({ store }: StoreDeps<UsageStore>): HandlersOf<'analytics'> {
  return {
    'analytics.totals': async ({ by, ...window }) => store.usageTotals(by, window),
    'analytics.latency': async (window) => store.latencyStats(window),
    'analytics.ledger': async (query) => store.queryUsage(query),
  };
}
