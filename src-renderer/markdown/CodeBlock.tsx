// A fenced code block: its language, a Copy button, and syntax highlighting once
// the block has finished streaming (the highlighter loads on first need).
import { useMemo, useState } from 'react';
import { useTranslation } from '../i18n';
import { codeHighlighter, loadHighlighter, useExtrasVersion } from './extras';
import { useSettled } from './settled';

export function CodeBlock({ code, language }: { code: string; language: string }) {
  const { t } = useTranslation();
  const settled = useSettled();
  const version = useExtrasVersion();
  const [copied, setCopied] = useState(false);
  const highlighter = settled && language ? codeHighlighter() : null;
  if (settled && language && !highlighter) loadHighlighter();
  const highlighted = useMemo(
    () => (highlighter ? highlighter(code, language) : null),
    // `version` changes when the highlighter arrives.
    [highlighter, code, language, version],
  );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="code-block">
      <div className="code-head">
        <span className="code-language">{language || t('code.plain')}</span>
        <button type="button" className="quiet code-copy" onClick={() => void copy()}>
          {copied ? t('code.copied') : t('code.copy')}
        </button>
      </div>
      <pre tabIndex={0}>
        <code className={language ? `hljs language-${language}` : undefined}>{highlighted ?? code}</code>
      </pre>
    </div>
  );
}
