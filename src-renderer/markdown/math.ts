// Loaded on first need (extras.ts): $inline$ and $$display$$ math rendered by
// KaTeX into elements (never an HTML string), with MathML for screen readers.
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { MathPlugins } from './extras';
import 'katex/dist/katex.min.css';

export const plugins: MathPlugins = {
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', throwOnError: false, strict: 'ignore', trust: false }]],
};
