import { describe, expect, it } from 'vitest';
import { linkDestination, openableUrl, textShowsAddress } from './links';

describe('openableUrl', () => {
  it('keeps absolute http, https and mailto links, normalised', () => {
    expect(openableUrl('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(openableUrl('HTTP://Example.COM/a b')).toBe('http://example.com/a%20b');
    expect(openableUrl('  https://example.com  ')).toBe('https://example.com/');
    expect(openableUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com');
    expect(openableUrl('mailto:someone@example.com?subject=Hi')).toBe('mailto:someone@example.com?subject=Hi');
  });

  it('refuses mailto without one plain address', () => {
    for (const href of ['mailto:', 'mailto:nobody', 'mailto:a@b@c', 'mailto:a@b.example,c@d.example', 'mailto://evil.example/x']) {
      expect(openableUrl(href), href).toBeNull();
    }
  });

  it('refuses every scheme that could run or open something local, and relative links', () => {
    for (const href of ['javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'smb://x/y', 'ms-msdt:/id', 'app://realmultillm/index.html', 'ftp://example.com', '/settings', '#x', 'example.com']) {
      expect(openableUrl(href), href).toBeNull();
    }
  });

  it('refuses credentials, missing hosts and oversized links', () => {
    expect(openableUrl('https://bank.example@evil.example/')).toBeNull();
    expect(openableUrl('https://')).toBeNull();
    expect(openableUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
    expect(openableUrl(42 as unknown as string)).toBeNull();
  });
});

describe('textShowsAddress', () => {
  it('is true when the text is the address itself, written the way people write it', () => {
    expect(textShowsAddress('https://example.com/docs', 'https://example.com/docs')).toBe(true);
    expect(textShowsAddress('https://example.com', 'https://example.com/')).toBe(true);
    expect(textShowsAddress('www.example.org', 'http://www.example.org/')).toBe(true);
    expect(textShowsAddress('help@example.com', 'mailto:help@example.com')).toBe(true);
  });

  it('is false when the text names another place or is not an address', () => {
    expect(textShowsAddress('https://bank.example/login', 'https://evil.example/steal')).toBe(false);
    expect(textShowsAddress('the docs', 'https://example.com/docs')).toBe(false);
    expect(textShowsAddress('write to us', 'mailto:help@example.com')).toBe(false);
    expect(textShowsAddress('', 'https://example.com/')).toBe(false);
  });
});

describe('linkDestination', () => {
  it('names the host, or the mail address', () => {
    expect(linkDestination('https://evil.example:8443/steal')).toBe('evil.example:8443');
    expect(linkDestination('mailto:help@example.com?subject=x')).toBe('help@example.com');
  });
});
