// The compare view: one prompt, 2-8 columns streaming side by side, each with
// time to first token, tokens/s, tokens and cost; blind mode; a vote; a word
// diff between two answers; "continue with this one"; the leaderboard.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { ApiClient } from '../../src-shared/api/contract';
import { guarded, hasMethod } from '../api/features';
import { costText } from '../components/message-format';
import { useQuery } from '../ui/useQuery';
import { i18n, useTranslation } from '../i18n';
import { Markdown } from '../markdown/Markdown';
import type { AppController } from '../state/app-store';
import { useApi, useAppState, useController, useUi } from '../state/context';
import { CompareController, MAX_COLUMNS, MIN_COLUMNS, replyMetrics, type CompareReply, type CompareRun } from './compare-controller';
import { leaderboard } from './leaderboard';
import { wordDiff } from './word-diff';

const controllers = new WeakMap<AppController, CompareController>();

function useCompare(app: AppController, api: ApiClient): CompareController {
  let controller = controllers.get(app);
  if (!controller) {
    let storage: Storage | null = null;
    try {
      storage = window.localStorage;
    } catch {
      storage = null;
    }
    controller = new CompareController(api, app, storage);
    controllers.set(app, controller);
  }
  return controller;
}

/** "Model A", "Model B"… for blind mode. */
function blindName(index: number): string {
  return String.fromCharCode(65 + index);
}

export default function CompareView() {
  const { t } = useTranslation();
  const app = useController();
  const api = useApi();
  const compare = useCompare(app, api);
  const providers = useAppState((s) => s.providers);
  const columns = useStore(compare.store, (s) => s.columns);
  const blind = useStore(compare.store, (s) => s.blind);
  const run = useStore(compare.store, (s) => s.run);
  const error = useStore(compare.store, (s) => s.error);
  const [prompt, setPrompt] = useState('');
  const personaChoices = useStore(compare.store, (s) => s.personas);
  const personas = useQuery(() => guarded('persona.list', () => api.call('persona.list', {})), [], hasMethod('persona.list'));
  const personaList = personas.status === 'ready' ? personas.data : [];

  useEffect(() => compare.syncProviders(providers), [compare, providers]);
  useEffect(() => void compare.loadLeaderboard(), [compare]);

  const running = run?.replies.some((r) => r.status === 'starting' || r.status === 'streaming') ?? false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await compare.start(prompt, providers)) setPrompt('');
  };

  return (
    <div className="chat">
      <header className="page-header">
        <h1>{t('compare.title')}</h1>
      </header>
      <div className="page">
        <form className="page-section compare-form" onSubmit={(event) => void submit(event)} noValidate>
          {providers.length === 0 && <p className="hint">{t('compare.needProviders')}</p>}
          <fieldset className="compare-columns">
            <legend>{t('compare.columns', { count: columns.length })}</legend>
            {columns.map((providerId, index) => (
              <div key={index} className="compare-column-pick">
                <label htmlFor={`compare-column-${index}`}>{t('compare.column', { index: index + 1 })}</label>
                <select id={`compare-column-${index}`} value={providerId} onChange={(event) => compare.setColumn(index, event.target.value)}>
                  {providers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} · {p.model}
                    </option>
                  ))}
                </select>
                {personaList.length > 0 && (
                  <>
                    <label htmlFor={`compare-persona-${index}`}>{t('compare.persona', { index: index + 1 })}</label>
                    <select
                      id={`compare-persona-${index}`}
                      value={personaChoices[index] ?? ''}
                      onChange={(event) => compare.setPersona(index, event.target.value || null)}
                    >
                      <option value="">{t('composer.noPersona')}</option>
                      {personaList.map((persona) => (
                        <option key={persona.id} value={persona.id}>
                          {persona.name}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                {columns.length > MIN_COLUMNS && (
                  <button type="button" className="small quiet" onClick={() => compare.removeColumn(index)} aria-label={t('compare.removeColumn', { index: index + 1 })}>
                    ×
                  </button>
                )}
              </div>
            ))}
            {columns.length < MAX_COLUMNS && providers.length > 0 && (
              <button type="button" className="small" onClick={() => compare.addColumn(providers[columns.length % providers.length]!.id)}>
                {t('compare.addColumn')}
              </button>
            )}
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={blind} onChange={(event) => compare.setBlind(event.target.checked)} />
            {t('compare.blind')}
          </label>
          <div className="field">
            <label htmlFor="compare-prompt">{t('compare.prompt')}</label>
            <textarea
              id="compare-prompt"
              rows={3}
              value={prompt}
              onChange={(event) => setPrompt(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
              }}
              aria-describedby="compare-prompt-hint"
            />
            <p id="compare-prompt-hint" className="hint">
              {t('compare.promptHint')}
            </p>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" aria-disabled={running || providers.length === 0}>
              {t('compare.run')}
            </button>
            {running && (
              <button type="button" onClick={() => void compare.stopAll()}>
                {t('compare.stopAll')}
              </button>
            )}
          </div>
          {error && (
            <p className="composer-error" role="alert">
              {error === 'needColumns' ? t('compare.needColumnsError') : error}
            </p>
          )}
        </form>
        {run && <RunView compare={compare} run={run} />}
        <Leaderboard compare={compare} />
      </div>
    </div>
  );
}

function RunView({ compare, run }: { compare: CompareController; run: CompareRun }) {
  const { t } = useTranslation();
  const voted = run.vote !== undefined;
  const hidden = run.blind && !voted && !run.server?.revealed;
  const nameOf = (reply: CompareReply) => (hidden ? t('compare.blindName', { letter: blindName(run.order.indexOf(reply.slot)) }) : `${reply.label} · ${reply.model}`);
  const done = run.replies.every((r) => r.status !== 'starting' && r.status !== 'streaming');
  const ordered = run.order.map((slot) => run.replies[slot]!);

  return (
    <section className="page-section" aria-labelledby="compare-run-title">
      <h2 id="compare-run-title" className="section-title">
        {t('compare.replies')}
      </h2>
      <p className="compare-prompt-shown">{run.prompt}</p>
      <div className="compare-grid" data-columns={Math.min(ordered.length, 4)}>
        {ordered.map((reply) => (
          <ReplyColumn key={reply.slot} reply={reply} name={nameOf(reply)} run={run} compare={compare} />
        ))}
      </div>
      {done && !voted && (
        <div className="form-actions compare-vote-row">
          <span>{t('compare.voteQuestion')}</span>
          <button type="button" onClick={() => compare.vote(null)}>
            {t('compare.tie')}
          </button>
        </div>
      )}
      {voted && (
        <p role="status" className="form-status success">
          {run.vote === null || run.vote === undefined
            ? t('compare.votedTie')
            : t('compare.voted', { name: `${run.replies[run.vote]!.label} · ${run.replies[run.vote]!.model}` })}
        </p>
      )}
      {done && ordered.length >= 2 && <DiffPanel replies={ordered} nameOf={nameOf} />}
    </section>
  );
}

function ReplyColumn({ reply, name, run, compare }: { reply: CompareReply; name: string; run: CompareRun; compare: CompareController }) {
  const { t } = useTranslation();
  const app = useController();
  const ui = useUi();
  const live = useAppState((s) => (reply.messageId ? s.streaming[reply.messageId] : undefined));
  const metrics = replyMetrics(reply, live);
  const text = live ?? reply.text;
  const streaming = reply.status === 'streaming' || reply.status === 'starting';
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const done = !streaming;

  // Each step shows its own failure in the app; nothing here can reject.
  const continueWithThis = async () => {
    const conversationId = await compare.choose(reply.slot);
    if (!conversationId) return;
    ui.setView('chat');
    await app.openConversation(conversationId);
    if (reply.messageId) await app.showBranch(reply.messageId);
  };

  return (
    <article className="compare-column" aria-label={name} data-testid="compare-column" data-status={reply.status}>
      <header className="compare-column-head">
        <h3>{name}</h3>
        {run.vote === reply.slot && <span className="badge">{t('compare.winner')}</span>}
      </header>
      <dl className="metrics">
        <div>
          <dt>{t('compare.ttft')}</dt>
          <dd>{metrics.ttftMs !== null ? `${Math.round(metrics.ttftMs)} ms` : '—'}</dd>
        </div>
        <div>
          <dt>{t('compare.speed')}</dt>
          <dd>{metrics.tokensPerSecond !== null ? `${number.format(metrics.tokensPerSecond)}/s` : '—'}</dd>
        </div>
        <div>
          <dt>{t('compare.tokens')}</dt>
          <dd>{metrics.tokens !== null ? `${metrics.estimated ? '≈' : ''}${number.format(metrics.tokens)}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('compare.cost')}</dt>
          <dd>{costText(metrics.costUsd) ?? '—'}</dd>
        </div>
      </dl>
      <div className="message-text compare-text">
        {text ? <Markdown text={text} streaming={streaming} /> : streaming ? <p className="hint">{t('chat.writing')}</p> : null}
      </div>
      {reply.status === 'error' && (
        <p className="message-error" role="alert">
          {reply.error ?? t('chat.failed')}
        </p>
      )}
      {reply.status === 'interrupted' && <p className="message-note">{t('chat.interrupted')}</p>}
      {done && (
        <div className="form-actions">
          {run.vote === undefined && reply.status === 'done' && (
            <button type="button" className="small primary" onClick={() => compare.vote(reply.slot)}>
              {t('compare.voteFor', { name })}
            </button>
          )}
          {reply.conversationId && (
            <button
              type="button"
              className="small"
              onClick={() => void continueWithThis()}
            >
              {t('chat.continueWithThis')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function DiffPanel({ replies, nameOf }: { replies: CompareReply[]; nameOf: (reply: CompareReply) => string }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(replies[0]!.slot);
  const [right, setRight] = useState(replies[1]!.slot);
  const a = replies.find((r) => r.slot === left);
  const b = replies.find((r) => r.slot === right);
  const parts = useMemo(() => (a && b ? wordDiff(a.text, b.text) : null), [a, b]);
  return (
    <details className="diff-panel">
      <summary>{t('compare.diff')}</summary>
      <div className="diff-pickers">
        <label>
          {t('compare.diffFrom')}{' '}
          <select value={left} onChange={(event) => setLeft(Number(event.target.value))}>
            {replies.map((r) => (
              <option key={r.slot} value={r.slot}>
                {nameOf(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compare.diffTo')}{' '}
          <select value={right} onChange={(event) => setRight(Number(event.target.value))}>
            {replies.map((r) => (
              <option key={r.slot} value={r.slot}>
                {nameOf(r)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {parts === null ? (
        <p className="hint">{t('compare.diffTooLong')}</p>
      ) : (
        <p className="diff-text" aria-label={t('compare.diffLabel')}>
          {parts.map((part, index) =>
            part.kind === 'same' ? (
              <span key={index}>{part.text}</span>
            ) : part.kind === 'added' ? (
              <ins key={index}>
                <span className="visually-hidden">{t('compare.added')} </span>
                {part.text}
              </ins>
            ) : (
              <del key={index}>
                <span className="visually-hidden">{t('compare.removed')} </span>
                {part.text}
              </del>
            ),
          )}
        </p>
      )}
    </details>
  );
}

function Leaderboard({ compare }: { compare: CompareController }) {
  const { t } = useTranslation();
  const votes = useStore(compare.store, (s) => s.votes);
  const server = useStore(compare.store, (s) => s.serverLeaderboard);
  const rows = useMemo(
    () => server?.map((row) => ({ ...row, votes: row.runs, elo: Math.round(row.elo) })) ?? leaderboard(votes),
    [server, votes],
  );
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
                <tr key={row.model}>
                  <td>{index + 1}</td>
                  <td>{row.model}</td>
                  <td className="num">{row.elo}</td>
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
