// The worker's parse, run here in-process, and its tree rendered as the page
// renders it (to a string on the server side of react-dom: no DOM needed).
import type { Root } from 'hast';
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseBlock } from './pipeline';
import { renderTree } from './render-tree';

function tree(text: string): Root {
  const result = parseBlock(text);
  if (result.kind !== 'tree') throw new Error(`expected a tree, got plain text (${result.reason})`);
  return result.tree;
}

const render = (text: string) => renderToStaticMarkup(createElement(Fragment, null, renderTree(tree(text))));

describe('parseBlock and renderTree', () => {
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
    expect(render('[docs](https://example.com/docs)')).toContain('<a href="https://example.com/docs" target="_blank" rel="noopener noreferrer">docs</a>');
    expect(render('[write to us](mailto:help@example.com)')).toContain('<a href="mailto:help@example.com"');
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

  it('writes math as MathML with no style attribute, for $ $, $$ $$ and \\( \\)', () => {
    const html = render('Euler: $e^{i\\pi} + 1 = 0$ and \\(x^2\\) and $\\color{red}{a}\\rule{1em}{2pt}\\hspace{3em}b$\n\n$$\n\\frac{1}{2}\n$$');
    expect(html.match(/<math/g)).toHaveLength(4);
    expect(html).toMatch(/<math[^>]*display="block"/);
    expect(html).toContain('<mfrac>');
    expect(html).not.toContain('style=');
  });

  it('shows invalid TeX as written', () => {
    expect(render('bad: $\\frac{1}{$')).toContain('\\frac{1}{');
  });
});

describe('parseBlock beyond its limits', () => {
  it('gives plain text with a reason instead of parsing what would block or overflow', () => {
    expect(parseBlock('- '.repeat(10_000))).toEqual({ kind: 'plain', reason: 'nesting' });
    expect(parseBlock('1. '.repeat(10_000))).toEqual({ kind: 'plain', reason: 'nesting' });
    expect(parseBlock('>'.repeat(10_000))).toEqual({ kind: 'plain', reason: 'nesting' });
    expect(parseBlock(`|${' a |'.repeat(5_000)}\n|${'---|'.repeat(5_000)}`)).toEqual({ kind: 'plain', reason: 'columns' });
  });

  it('gives plain text when the parsed tree is deeper than the limit the estimate missed', () => {
    // Emphasis nests without any list or quote marker.
    expect(parseBlock(`${'*'.repeat(400)}a${'*'.repeat(400)}`)).toMatchObject({ kind: 'plain' });
  });
});
