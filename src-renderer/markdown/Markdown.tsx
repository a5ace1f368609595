// Renders a message's markdown safely: no raw HTML at all (skipHtml, no
// rehype-raw), links only to http(s)/mailto and always in a new window, and no
// image ever loaded (it would reach a remote server chosen by the model).
//
// Streaming stays cheap however long the reply grows: the text is split into
// blocks (blocks.ts), finished blocks are memoized and never parsed again, and
// only the growing tail is re-parsed on each frame.
import { memo, useRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { t } from '../i18n';
import { IncrementalBlocks } from './blocks';
import { CodeBlock } from './CodeBlock';
import { loadMath, mathPlugins, mayHaveMath, normaliseMathDelimiters, useExtrasVersion } from './extras';
import { safeHref } from './safe-href';
import { SettledContext } from './settled';
import './markdown.css';

const keepSafeUrl = (url: string): string => safeHref(url) ?? '';

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

const components: Components = {
  a({ href, children }) {
    const safe = safeHref(href);
    if (!safe) return <span className="md-inert-link">{children}</span>;
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const label = alt ? t('markdown.imageNamed', { alt }) : t('markdown.image');
    const safe = typeof src === 'string' ? safeHref(src) : null;
    if (!safe) return <span className="md-image">[{label}]</span>;
    return (
      <a className="md-image" href={safe} target="_blank" rel="noopener noreferrer">
        [{label}]
      </a>
    );
  },
  pre({ node, children }) {
    const code = (node as HastNode | undefined)?.children?.find((child) => child.tagName === 'code');
    if (!code) return <pre>{children}</pre>;
    const classes = code.properties?.className;
    const language = Array.isArray(classes)
      ? (classes.map(String).find((c) => c.startsWith('language-'))?.slice('language-'.length) ?? '')
      : '';
    return <CodeBlock code={textOf(code).replace(/\n$/, '')} language={language} />;
  },
  table({ children }) {
    // Wide tables scroll on their own instead of widening the chat.
    return (
      <div className="md-table" tabIndex={0}>
        <table>{children}</table>
      </div>
    );
  },
};

const MarkdownBlock = memo(function MarkdownBlock({ text, settled }: { text: string; settled: boolean; version: number }) {
  const math = mayHaveMath(text) ? mathPlugins() : null;
  if (!math && mayHaveMath(text)) loadMath();
  const remarkPlugins = math ? [remarkGfm, ...math.remarkPlugins] : [remarkGfm];
  return (
    <SettledContext.Provider value={settled}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={math?.rehypePlugins ?? []}
        components={components}
        skipHtml
        urlTransform={keepSafeUrl}
      >
        {math ? normaliseMathDelimiters(text) : text}
      </ReactMarkdown>
    </SettledContext.Provider>
  );
});

/**
 * Blocks go in chunks of this many, always the same chunk for the same block, so
 * nothing is moved (and parsed again) when a block finishes; a chunk off screen
 * is skipped whole by layout and paint (content-visibility in styles.css).
 */
const CHUNK = 16;

interface ChunkProps {
  blocks: readonly string[];
  start: number;
  /** Blocks before this index are finished. */
  settledBefore: number;
  version: number;
}

const MarkdownChunk = memo(
  function MarkdownChunk({ blocks, start, settledBefore, version }: ChunkProps) {
    const end = Math.min(blocks.length, start + CHUNK);
    const children = [];
    for (let i = start; i < end; i++) {
      children.push(<MarkdownBlock key={i} text={blocks[i]!} settled={i < settledBefore} version={version} />);
    }
    return <div className="md-chunk">{children}</div>;
  },
  // The blocks array is new on every update; a chunk changes only when its own blocks do.
  (previous, next) => {
    if (previous.version !== next.version || previous.start !== next.start) return false;
    for (let i = next.start; i < next.start + CHUNK; i++) {
      if (previous.blocks[i] !== next.blocks[i]) return false;
      if (i < next.blocks.length && previous.settledBefore > i !== next.settledBefore > i) return false;
    }
    return true;
  },
);

export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const splitter = useRef<IncrementalBlocks | null>(null);
  splitter.current ??= new IncrementalBlocks();
  const blocks = splitter.current.update(text);
  const version = useExtrasVersion();
  const settledBefore = streaming ? blocks.length - 1 : blocks.length;
  const chunks = [];
  for (let start = 0; start < blocks.length; start += CHUNK) {
    chunks.push(<MarkdownChunk key={start} blocks={blocks} start={start} settledBefore={settledBefore} version={version} />);
  }
  return <>{chunks}</>;
});
