// A parsed block (a hast tree from the worker) as React elements, never an HTML
// string: links drawn only when they will open (and asked about when their text
// is not their address), no image ever loaded (it would reach a server chosen by
// the model), code blocks with a Copy button, wide tables scrolling on their own.
import type { Element, ElementContent, Root } from 'hast';
import { toJsxRuntime, type Components, type ExtraProps } from 'hast-util-to-jsx-runtime';
import { useState, type ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { openableUrl, textShowsAddress } from '../../src-shared/links';
import { t } from '../i18n';
import { CodeBlock } from './CodeBlock';
import { LinkConfirm } from './LinkConfirm';

function textOf(node: ElementContent | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

function Link({ href, node, children }: { href?: string | undefined; children?: ReactNode } & ExtraProps) {
  const [asking, setAsking] = useState(false);
  const safe = openableUrl(href);
  if (!safe) return <span className="md-inert-link">{children}</span>;
  const text = node ? textOf(node) : '';
  const surprising = !textShowsAddress(text, safe);
  return (
    <>
      <a
        href={safe}
        target="_blank"
        rel="noopener noreferrer"
        onClick={(event) => {
          if (!surprising) return;
          event.preventDefault();
          setAsking(true);
        }}
      >
        {children}
      </a>
      {asking && <LinkConfirm href={safe} text={text} onClose={() => setAsking(false)} />}
    </>
  );
}

const components: Partial<Components> = {
  a: Link,
  img({ src, alt }) {
    const label = alt ? t('markdown.imageNamed', { alt }) : t('markdown.image');
    const safe = typeof src === 'string' ? openableUrl(src) : null;
    if (!safe) return <span className="md-image">[{label}]</span>;
    return (
      <a className="md-image" href={safe} target="_blank" rel="noopener noreferrer">
        [{label}]
      </a>
    );
  },
  pre({ node, children }) {
    const code = node?.children.find((child: ElementContent): child is Element => child.type === 'element' && child.tagName === 'code');
    if (!code) return <pre>{children}</pre>;
    const classes = code.properties.className;
    const language = Array.isArray(classes) ? (classes.map(String).find((c) => c.startsWith('language-'))?.slice('language-'.length) ?? '') : '';
    return <CodeBlock code={textOf(code).replace(/\n$/, '')} language={language} />;
  },
  table({ children }) {
    return (
      <div className="md-table" tabIndex={0}>
        <table>{children}</table>
      </div>
    );
  },
};

export function renderTree(tree: Root): ReactNode {
  return toJsxRuntime(tree, { Fragment, jsx, jsxs, components, ignoreInvalidStyle: true, passKeys: true, passNode: true });
}
