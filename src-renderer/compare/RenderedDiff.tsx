// The word diff shown as rendered markdown with the changes marked. The joined
// text is rendered by the safe markdown renderer into a hidden element; what is
// shown is a copy of that rendering with <ins> and <del> put around the changed
// words. The copy is made with DOM nodes only (never HTML strings), and React
// never manages it, so marking it cannot disturb React's own tree. Buttons of
// the rendering (a code block's Copy) are left out of the copy: they would be
// inert there.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from '../i18n';
import { Markdown } from '../markdown/Markdown';
import { alignRendered, markedRuns, mergeParts, type MarkedRun } from './diff-marks';
import type { DiffPart } from './word-diff';

function textNodesOf(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

function markedNode(run: MarkedRun, labels: { added: string; removed: string }): Node {
  if (run.kind === 'same') return document.createTextNode(run.text);
  const element = document.createElement(run.kind === 'added' ? 'ins' : 'del');
  if (run.starts) {
    const label = document.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = `${run.kind === 'added' ? labels.added : labels.removed} `;
    element.append(label);
  }
  element.append(run.text);
  return element;
}

export function RenderedDiff({ parts, label }: { parts: readonly DiffPart[]; label: string }) {
  const { t } = useTranslation();
  const merged = useMemo(() => mergeParts(parts), [parts]);
  const source = useRef<HTMLDivElement>(null);
  const shown = useRef<HTMLDivElement>(null);
  const added = t('compare.added');
  const removed = t('compare.removed');

  useLayoutEffect(() => {
    const from = source.current;
    const to = shown.current;
    if (!from || !to) return;
    const copy = () => {
      const clone = from.cloneNode(true) as HTMLElement;
      for (const button of clone.querySelectorAll('button')) button.remove();
      const nodes = textNodesOf(clone);
      const texts = nodes.map((node) => node.data);
      const runs = markedRuns(texts, alignRendered(merged, texts));
      nodes.forEach((node, index) => {
        const nodeRuns = runs[index]!;
        if (nodeRuns.every((run) => run.kind === 'same')) return;
        node.replaceWith(...nodeRuns.map((run) => markedNode(run, { added, removed })));
      });
      to.replaceChildren(...clone.childNodes);
    };
    copy();
    // The renderer may render again later (code highlighting or math arriving).
    const observer = new MutationObserver(copy);
    observer.observe(from, { subtree: true, childList: true, characterData: true, attributes: true });
    return () => observer.disconnect();
  }, [merged, added, removed]);

  return (
    <>
      <div ref={source} hidden>
        <Markdown text={merged.text} />
      </div>
      <div ref={shown} className="message-text diff-text" role="group" aria-label={label} />
    </>
  );
}
