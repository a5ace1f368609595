// A comparison's replies side by side, each with its metrics, the vote, "continue
// with this one", and the word diff once every reply has ended.
import { costText } from '../chat/message-format';
import { i18n, useTranslation } from '../i18n';
import { Markdown } from '../markdown/Markdown';
import { useStores, useStreaming } from '../state/context';
import { replyMetrics, type CompareController, type CompareReply, type CompareRun } from './compare-controller';
import { DiffPanel } from './DiffPanel';

/** "Model A", "Model B"… for blind mode. */
function blindName(index: number): string {
  return String.fromCharCode(65 + index);
}

export function RunView({ compare, run }: { compare: CompareController; run: CompareRun }) {
  const { t } = useTranslation();
  const voted = run.vote !== undefined;
  const hidden = run.blind && !voted && !run.revealed;
  const nameOf = (reply: CompareReply) => (hidden ? t('compare.blindName', { letter: blindName(reply.slot) }) : `${reply.label} · ${reply.model}`);
  const done = run.replies.every((r) => r.status !== 'streaming');

  return (
    <section className="page-section" aria-labelledby="compare-run-title">
      <h2 id="compare-run-title" className="section-title">
        {t('compare.replies')}
      </h2>
      <p className="compare-prompt-shown">{run.prompt}</p>
      <div className="compare-grid" data-columns={Math.min(run.replies.length, 4)}>
        {run.replies.map((reply) => (
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
      {done && run.replies.length >= 2 && <DiffPanel replies={run.replies} nameOf={nameOf} />}
    </section>
  );
}

function ReplyColumn({ reply, name, run, compare }: { reply: CompareReply; name: string; run: CompareRun; compare: CompareController }) {
  const { t } = useTranslation();
  const { ui, thread } = useStores();
  const live = useStreaming((s) => s.text[reply.messageId]);
  const metrics = replyMetrics(reply, live);
  const text = live ?? reply.text;
  const streaming = reply.status === 'streaming';
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const done = !streaming;

  // Each step shows its own failure in the app; nothing here can reject.
  const continueWithThis = async () => {
    const conversationId = await compare.choose(reply.slot);
    if (!conversationId) return;
    ui.setView('chat');
    await thread.open(conversationId);
    await thread.showBranch(reply.messageId);
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
          <dd>{(reply.status !== 'error' && costText(metrics.costUsd)) || '—'}</dd>
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
        <div className="form-actions compare-actions">
          {run.vote === undefined && reply.status === 'done' && (
            // The card's heading names the reply; the button's name says it too.
            <button type="button" className="small primary" aria-label={t('compare.voteFor', { name })} onClick={() => compare.vote(reply.slot)}>
              {t('compare.vote')}
            </button>
          )}
          <button
            type="button"
            className="small"
            onClick={() => void continueWithThis()}
          >
            {t('chat.continueWithThis')}
          </button>
        </div>
      )}
    </article>
  );
}
