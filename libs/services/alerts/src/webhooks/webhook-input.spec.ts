import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, webhookSecret } from './webhook-input.ts';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { extensions?: { code?: string; field?: string } }).extensions;
  }
  throw new Error('expected an error');
};

describe('checkWebhookUrl', () => {
  it('accepts http and https URLs', () => {
    expect(checkWebhookUrl('https://hooks.example.com/tideline?x=1')).toBe('https://hooks.example.com/tideline?x=1');
    expect(checkWebhookUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
  });

  it('refuses other protocols, relative URLs and credentials, naming the field', () => {
    for (const url of ['ftp://example.com', 'example.com/hook', 'https://user:pw@example.com/', `https://example.com/${'a'.repeat(2100)}`]) {
      expect(fieldOf(() => checkWebhookUrl(url))).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    }
  });
});

describe('webhookSecret', () => {
  it('keeps a long enough secret and generates 32 random bytes otherwise', () => {
    expect(webhookSecret('0123456789abcdef')).toBe('0123456789abcdef');
    const generated = webhookSecret(undefined);
    expect(generated).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSecret(null)).not.toBe(generated);
  });

  it('refuses a short secret, naming the field', () => {
    expect(fieldOf(() => webhookSecret('short'))).toEqual({ code: 'BAD_USER_INPUT', field: 'secret' });
  });
});
