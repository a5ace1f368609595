// Renders a message's markdown safely: no raw HTML at all (skipHtml, no
// rehype-raw), links only to http(s)/mailto and always in a new window, and no
// image ever loaded (it would reach a remote server chosen by the model).
import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { safeHref } from './safe-href';

const remarkPlugins = [remarkGfm];

const keepSafeUrl = (url: string): string => safeHref(url) ?? '';

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
    const label = alt ? `Image: ${alt}` : 'Image';
    const safe = typeof src === 'string' ? safeHref(src) : null;
    if (!safe) return <span className="md-image">[{label}]</span>;
    return (
      <a className="md-image" href={safe} target="_blank" rel="noopener noreferrer">
        [{label}]
      </a>
    );
  },
};

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} components={components} skipHtml urlTransform={keepSafeUrl}>
      {text}
    </ReactMarkdown>
  );
});
