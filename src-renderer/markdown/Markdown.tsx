// Renders a message's markdown safely and without ever blocking the page: the
// text is split into blocks (blocks.ts), each block is parsed in a worker
// (parse-client.ts) within the limits of limits.ts, and the main thread only
// turns the parsed tree into elements (render-tree.tsx). Until a block's tree
// arrives it shows as plain text (or as its previous version while streaming);
// beyond a limit it stays plain text, saying why. Finished blocks are the same
// strings from update to update, so their results come from the cache.
import { memo, useEffect, useMemo, useReducer, useRef } from 'react';
import { IncrementalBlocks } from './blocks';
import { plainReasonOf } from './limits';
import { MarkdownBoundary } from './MarkdownBoundary';
import { parsed, requestParse } from './parse-client';
import type { ParseResult } from './pipeline';
import { PlainText } from './PlainText';
import { renderTree } from './render-tree';
import { SettledContext } from './settled';
import './markdown.css';

const MarkdownBlock = memo(function MarkdownBlock({ text, settled }: { text: string; settled: boolean }) {
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  // Beyond a limit no worker is needed to know the answer.
  const tooMuch = useMemo(() => plainReasonOf(text), [text]);
  const result: ParseResult | null = tooMuch ? { kind: 'plain', reason: tooMuch } : parsed(text);
  const previous = useRef<{ text: string; result: ParseResult } | null>(null);
  if (result) previous.current = { text, result };
  useEffect(() => (result ? undefined : requestParse(text, arrived)), [text, result]);

  // A block that grew (streaming) shows its last version until this one is parsed.
  const shown = result ?? (previous.current && text.startsWith(previous.current.text) ? previous.current.result : null);
  if (!shown) return <PlainText text={text} reason={null} />;
  if (shown.kind === 'plain') return <PlainText text={text} reason={shown.reason} />;
  return <SettledContext.Provider value={settled}>{renderTree(shown.tree)}</SettledContext.Provider>;
});

/**
 * Blocks go in chunks of this many, always the same chunk for the same block, so
 * nothing is moved (and rendered again) when a block finishes; a chunk off screen
 * is skipped whole by layout and paint (content-visibility in markdown.css).
 */
const CHUNK = 16;

interface ChunkProps {
  blocks: readonly string[];
  start: number;
  /** Blocks before this index are finished. */
  settledBefore: number;
}

const MarkdownChunk = memo(
  function MarkdownChunk({ blocks, start, settledBefore }: ChunkProps) {
    const end = Math.min(blocks.length, start + CHUNK);
    const children = [];
    for (let i = start; i < end; i++) children.push(<MarkdownBlock key={i} text={blocks[i]!} settled={i < settledBefore} />);
    return <div className="md-chunk">{children}</div>;
  },
  // The blocks array is new on every update; a chunk changes only when its own blocks do.
  (previous, next) => {
    if (previous.start !== next.start) return false;
    for (let i = next.start; i < next.start + CHUNK; i++) {
      if (previous.blocks[i] !== next.blocks[i]) return false;
      if (i < next.blocks.length && previous.settledBefore > i !== next.settledBefore > i) return false;
    }
    return true;
  },
);

function MarkdownBlocks({ text, streaming }: { text: string; streaming: boolean }) {
  const splitter = useRef<IncrementalBlocks | null>(null);
  splitter.current ??= new IncrementalBlocks();
  const blocks = splitter.current.update(text);
  const settledBefore = streaming ? blocks.length - 1 : blocks.length;
  const chunks = [];
  for (let start = 0; start < blocks.length; start += CHUNK) {
    chunks.push(<MarkdownChunk key={start} blocks={blocks} start={start} settledBefore={settledBefore} />);
  }
  return <>{chunks}</>;
}

export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  return (
    <MarkdownBoundary text={text}>
      <MarkdownBlocks text={text} streaming={streaming} />
    </MarkdownBoundary>
  );
});
