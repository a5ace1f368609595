// The analytics dashboard, from the usage ledger: tokens, cost and calls per
// provider, model and day, and latency percentiles per model. Charts are plain
// SVG bars with the numbers in a table beside them, so they read without sight.
import { useState } from 'react';
import type { UsageGrouping, UsageTotals } from '../../src-shared/entities/usage';
import { costText } from '../chat/message-format';
import { i18n, useTranslation } from '../i18n';
import { useApi, useProviders } from '../state/context';
import { useQuery } from '../ui/useQuery';
import { BarChart } from './BarChart';
import './analytics.css';

const RANGES = { 7: 7, 30: 30, 90: 90 } as const;
type Metric = 'tokens' | 'cost' | 'calls';

export default function AnalyticsView() {
  const { t } = useTranslation();
  const api = useApi();
  const providers = useProviders((s) => s.providers);
  const [days, setDays] = useState<keyof typeof RANGES>(30);
  const [grouping, setGrouping] = useState<UsageGrouping>('model');
  const [metric, setMetric] = useState<Metric>('tokens');
  const from = Date.now() - days * 86_400_000;
  const totals = useQuery(() => api.call('analytics.totals', { by: grouping, from }), [grouping, days]);
  const latency = useQuery(() => api.call('analytics.latency', { from }), [days]);

  const number = new Intl.NumberFormat(i18n.language);
  const labelOf = (key: string) => (grouping === 'provider' ? (providers.find((p) => p.id === key)?.name ?? key) : key);
  const valueOf = (row: UsageTotals) => (metric === 'cost' ? row.costUsd : metric === 'calls' ? row.calls : row.inputTokens + row.outputTokens);
  const format = (value: number) => (metric === 'cost' ? (costText(value) ?? '') : number.format(value));
  const rows = totals.status === 'ready' ? [...totals.data].sort((a, b) => (grouping === 'day' ? a.key.localeCompare(b.key) : valueOf(b) - valueOf(a))) : [];
  const sum = (pick: (row: UsageTotals) => number) => rows.reduce((total, row) => total + pick(row), 0);

  return (
    <div className="chat">
      <header className="page-header">
        <h1>{t('analytics.title')}</h1>
      </header>
      <div className="page">
        <div className="page-section">
          <div className="filter-row">
            <div className="field">
              <label htmlFor="analytics-range">{t('analytics.range')}</label>
              <select id="analytics-range" value={days} onChange={(event) => setDays(Number(event.target.value) as keyof typeof RANGES)}>
                {Object.keys(RANGES).map((value) => (
                  <option key={value} value={value}>
                    {t('analytics.lastDays', { count: Number(value) })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="analytics-group">{t('analytics.groupBy')}</label>
              <select id="analytics-group" value={grouping} onChange={(event) => setGrouping(event.target.value as UsageGrouping)}>
                {(['provider', 'model', 'day'] as const).map((value) => (
                  <option key={value} value={value}>
                    {t(`analytics.groups.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="analytics-metric">{t('analytics.metric')}</label>
              <select id="analytics-metric" value={metric} onChange={(event) => setMetric(event.target.value as Metric)}>
                {(['tokens', 'cost', 'calls'] as const).map((value) => (
                  <option key={value} value={value}>
                    {t(`analytics.metrics.${value}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {totals.status === 'error' && <p className="form-status error">{totals.message}</p>}
          <dl className="stat-cards">
            <div>
              <dt>{t('analytics.metrics.calls')}</dt>
              <dd>{number.format(sum((r) => r.calls))}</dd>
            </div>
            <div>
              <dt>{t('analytics.metrics.tokens')}</dt>
              <dd>{number.format(sum((r) => r.inputTokens + r.outputTokens))}</dd>
            </div>
            <div>
              <dt>{t('analytics.metrics.cost')}</dt>
              <dd>{costText(sum((r) => r.costUsd)) ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('analytics.errors')}</dt>
              <dd>{number.format(sum((r) => r.errors))}</dd>
            </div>
          </dl>
          {rows.length === 0 && totals.status === 'ready' ? (
            <p className="hint">{t('analytics.empty')}</p>
          ) : (
            <BarChart
              title={t('analytics.chartTitle', { metric: t(`analytics.metrics.${metric}`), group: t(`analytics.groups.${grouping}`) })}
              bars={rows.map((row) => ({ label: labelOf(row.key), value: valueOf(row), text: format(valueOf(row)) }))}
            />
          )}
          {latency.status === 'ready' && latency.data.length > 0 && (
            <section aria-labelledby="latency-title">
              <h2 id="latency-title" className="section-title">
                {t('analytics.latency')}
              </h2>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('analytics.groups.model')}</th>
                      <th scope="col" className="num">
                        {t('analytics.metrics.calls')}
                      </th>
                      <th scope="col" className="num">
                        {t('analytics.ttftP50')}
                      </th>
                      <th scope="col" className="num">
                        {t('analytics.ttftP95')}
                      </th>
                      <th scope="col" className="num">
                        {t('analytics.durationP50')}
                      </th>
                      <th scope="col" className="num">
                        {t('analytics.durationP95')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {latency.data.map((row) => (
                      <tr key={row.model}>
                        <td>{row.model}</td>
                        <td className="num">{number.format(row.calls)}</td>
                        {[row.ttftP50Ms, row.ttftP95Ms, row.durationP50Ms, row.durationP95Ms].map((value, index) => (
                          <td key={index} className="num">
                            {value === null ? '—' : `${number.format(Math.round(value))} ms`}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
