// Analytics.
export const analytics = {
  analytics: {
    title: 'Analytics',
    range: 'Period',
    lastDays_one: 'Last day',
    lastDays_other: 'Last {{count}} days',
    groupBy: 'Group by',
    groups: {
      provider: 'Provider',
      model: 'Model',
      day: 'Day',
    },
    metric: 'Show',
    metrics: {
      tokens: 'Tokens',
      cost: 'Cost',
      calls: 'Calls',
    },
    errors: 'Failed calls',
    empty: 'No provider calls in this period yet.',
    chartTitle: '{{metric}} by {{group}}',
    latency: 'Latency by model',
    ttftP50: 'First token p50',
    ttftP95: 'First token p95',
    durationP50: 'Duration p50',
    durationP95: 'Duration p95',
  },
};
