// Two replies of a comparison, word by word: what only one of them says is marked,
// on the replies' rendered markdown.
import { useMemo, useState } from 'react';
import { useTranslation } from '../i18n';
import type { CompareReply } from './compare-controller';
import { RenderedDiff } from './RenderedDiff';
import { wordDiff } from './word-diff';

export function DiffPanel({ replies, nameOf }: { replies: CompareReply[]; nameOf: (reply: CompareReply) => string }) {
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
        <RenderedDiff parts={parts} label={t('compare.diffLabel')} />
      )}
    </details>
  );
}
