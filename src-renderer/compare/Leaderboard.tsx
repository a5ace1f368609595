// The core's leaderboard of the user's votes: Elo, win rate, wins, losses, ties
// per provider and model (the same model id from two providers is two rows).
import { useStore } from 'zustand';
import { i18n, useTranslation } from '../i18n';
import type { CompareController } from './compare-controller';

export function Leaderboard({ compare }: { compare: CompareController }) {
  const { t } = useTranslation();
  const rows = useStore(compare.store, (s) => s.leaderboard) ?? [];
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <section className="page-section" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title" className="section-title">
        {t('compare.leaderboard')}
      </h2>
      {rows.length === 0 ? (
        <p className="hint">{t('compare.noVotes')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('compare.rank')}</th>
                <th scope="col">{t('compare.model')}</th>
                <th scope="col" className="num">
                  Elo
                </th>
                <th scope="col" className="num">
                  {t('compare.winRate')}
                </th>
                <th scope="col" className="num">
                  {t('compare.wins')}
                </th>
                <th scope="col" className="num">
                  {t('compare.losses')}
                </th>
                <th scope="col" className="num">
                  {t('compare.ties')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={`${row.providerId ?? ''}\u0000${row.model}`}>
                  <td>{index + 1}</td>
                  <td>
                    {row.provider ?? t('compare.unknownProvider')} · {row.model}
                  </td>
                  <td className="num">{Math.round(row.elo)}</td>
                  <td className="num">{percent.format(row.winRate)}</td>
                  <td className="num">{row.wins}</td>
                  <td className="num">{row.losses}</td>
                  <td className="num">{row.ties}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
