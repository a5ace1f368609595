import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it('keeps absolute http, https and mailto links', () => {
    expect(safeHref('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeHref('http://localhost:8080/')).toBe('http://localhost:8080/');
    expect(safeHref('mailto:someone@example.com')).toBe('mailto:someone@example.com');
    expect(safeHref('  https://example.com  ')).toBe('https://example.com/');
  });

  it('refuses script, data, file and other schemes, however they are disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.com/1234',
      'app://realmultillm/index.html',
      'ftp://example.com',
    ]) {
      expect(safeHref(href), href).toBeNull();
    }
  });

  it('refuses relative links, which would navigate the app itself', () => {
    for (const href of ['/settings', '../x', '#footnote-1', '?q=1', '//evil.example/x', 'example.com']) {
      expect(safeHref(href), href).toBeNull();
    }
  });

  it('refuses links that hide their real host behind user:password@', () => {
    expect(safeHref('https://bank.example@evil.example/')).toBeNull();
    expect(safeHref('https://user:pass@example.com/')).toBeNull();
  });

  it('refuses empty values and mailto without an address', () => {
    expect(safeHref(undefined)).toBeNull();
    expect(safeHref(null)).toBeNull();
    expect(safeHref('')).toBeNull();
    expect(safeHref('mailto:')).toBeNull();
  });
});
