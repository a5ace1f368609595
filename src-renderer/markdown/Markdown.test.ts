// Rendered to a string on the server side of react-dom: no DOM needed.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { loadMath, mathPlugins } from './extras';
import { Markdown } from './Markdown';

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('Markdown', () => {
  it('renders GitHub-flavoured markdown', () => {
    const html = render('**bold**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>gone</del>');
  });

  it('drops raw HTML from model output instead of rendering it', () => {
    const html = render('before <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>after</b>');
    expect(html).not.toMatch(/<img|<script|onerror|<b>/);
    expect(html).toContain('before');
  });

  it('opens safe links in a new window without giving it access to this one', () => {
    const html = render('[docs](https://example.com/docs)');
    expect(html).toContain('<a href="https://example.com/docs" target="_blank" rel="noopener noreferrer">docs</a>');
  });

  it('shows unsafe and relative links as plain text', () => {
    const html = render('[click](javascript:alert(1)) [here](/settings) [raw](data:text/html,hi)');
    expect(html).not.toContain('<a');
    expect(html).not.toContain('javascript');
    expect(html).toContain('click');
    expect(html).toContain('here');
  });

  it('never loads an image, remote or not', () => {
    const html = render('![a cat](https://tracker.example/cat.png) ![local](./x.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('Image: a cat');
    expect(html).toContain('href="https://tracker.example/cat.png"');
    expect(html).toContain('Image: local');
  });

  it('links bare URLs the same safe way', () => {
    const html = render('see https://example.com and www.example.org');
    expect(html).toContain('<a href="https://example.com/" target="_blank" rel="noopener noreferrer">');
    expect(html).toContain('<a href="http://www.example.org/" target="_blank" rel="noopener noreferrer">');
  });

  it('renders a long reply in chunks of blocks, each block once and in order', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph number ${i}.`).join('\n\n');
    const html = render(text);
    expect(html.match(/class="md-chunk"/g)).toHaveLength(3);
    const order = [...html.matchAll(/Paragraph number (\d+)\./g)].map((m) => Number(m[1]));
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('writes math with KaTeX once it has loaded, as elements with MathML, and \\( \\) too', async () => {
    expect(render('Euler: $e^{i\\pi} + 1 = 0$')).not.toContain('<math');
    loadMath();
    await vi.waitFor(() => expect(mathPlugins()).not.toBeNull());
    const html = render('Euler: $e^{i\\pi} + 1 = 0$ and \\(x^2\\)');
    expect(html.match(/<math/g)).toHaveLength(2);
    expect(html).toContain('class="katex"');
  });
});
