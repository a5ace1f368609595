// The server's pages: plain HTML forms, no script. Every value is escaped.
import type { Language } from './text';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Field {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password' | 'hidden';
  value?: string;
  autocomplete?: string;
  /** May be left empty (every other field is required). */
  optional?: boolean;
}

export function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · RealMultiLLM</title>
<link rel="stylesheet" href="/assets/pages.css">
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

/** A value to copy (a link), selectable as a whole, read-only. */
export function copyable(label: string, value: string): string {
  return `<label for="copy">${escapeHtml(label)}</label><input id="copy" type="text" readonly value="${escapeHtml(value)}">`;
}

export function paragraph(text: string, kind: 'lead' | 'error' | 'done' | 'muted' = 'lead'): string {
  const role = kind === 'error' ? ' role="alert"' : '';
  return `<p class="${kind}"${role}>${escapeHtml(text)}</p>`;
}

export function form(action: string, fields: Field[], submit: string): string {
  const inputs = fields
    .map((field) => {
      const value = field.value === undefined ? '' : ` value="${escapeHtml(field.value)}"`;
      if (field.type === 'hidden') return `<input type="hidden" name="${field.name}"${value}>`;
      const auto = field.autocomplete ? ` autocomplete="${field.autocomplete}"` : '';
      const required = field.optional ? '' : ' required';
      return `<label for="${field.name}">${escapeHtml(field.label)}</label><input id="${field.name}" name="${field.name}" type="${field.type}"${value}${auto}${required}>`;
    })
    .join('\n');
  return `<form method="post" action="${escapeHtml(action)}">\n${inputs}\n<button type="submit">${escapeHtml(submit)}</button>\n</form>`;
}
