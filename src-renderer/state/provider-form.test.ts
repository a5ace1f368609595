import { describe, expect, it } from 'vitest';
import { keyHintText, validateProviderFields } from './provider-form';

const valid = { name: 'Local', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: '', model: 'llama3.2' };

describe('validateProviderFields', () => {
  it('accepts a provider without an API key (local servers need none)', () => {
    expect(validateProviderFields(valid)).toBeNull();
  });

  it('names the first missing field in a sentence', () => {
    expect(validateProviderFields({ ...valid, name: '  ' })?.field).toBe('name');
    expect(validateProviderFields({ ...valid, baseUrl: '' })?.field).toBe('baseUrl');
    expect(validateProviderFields({ ...valid, model: '' })).toMatchObject({ field: 'model', message: expect.stringMatching(/model/) });
  });

  it('asks for an http(s) Base URL', () => {
    for (const baseUrl of ['api.openai.com/v1', 'ftp://example.com', 'javascript:alert(1)', 'https://']) {
      expect(validateProviderFields({ ...valid, baseUrl }), baseUrl).toMatchObject({
        field: 'baseUrl',
        message: expect.stringContaining('http:// or https://'),
      });
    }
  });
});

describe('keyHintText', () => {
  it('shows only the hint of a saved key', () => {
    expect(keyHintText('abcd')).toBe('•••• abcd');
    expect(keyHintText(null)).toBe('••••');
  });
});
