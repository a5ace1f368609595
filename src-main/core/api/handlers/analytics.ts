import type { HandlerDeps, HandlersOf } from './deps';

export function analyticsHandlers({ store }: HandlerDeps): HandlersOf<'analytics'> {
  return {
    'analytics.totals': async ({ by, ...window }) => store.usageTotals(by, window),
    'analytics.latency': async (window) => store.latencyStats(window),
    'analytics.ledger': async (query) => store.queryUsage(query),
  };
}
