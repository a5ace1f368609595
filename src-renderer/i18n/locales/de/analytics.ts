import type { Strings } from '../en';
import type { analytics as english } from '../en/analytics';

export const analytics: Strings<typeof english> = {
  analytics: {
    title: 'Statistik',
    range: 'Zeitraum',
    lastDays_one: 'Letzter Tag',
    lastDays_other: 'Letzte {{count}} Tage',
    groupBy: 'Gruppieren nach',
    groups: {
      provider: 'Anbieter',
      model: 'Modell',
      day: 'Tag',
    },
    metric: 'Zeigen',
    metrics: {
      tokens: 'Tokens',
      cost: 'Kosten',
      calls: 'Aufrufe',
    },
    errors: 'Fehlgeschlagene Aufrufe',
    empty: 'In diesem Zeitraum gab es noch keine Aufrufe.',
    chartTitle: '{{metric}} nach {{group}}',
    latency: 'Latenz nach Modell',
    ttftP50: 'Erstes Token p50',
    ttftP95: 'Erstes Token p95',
    durationP50: 'Dauer p50',
    durationP95: 'Dauer p95',
  },
};
