import { randomBytes } from 'node:crypto';
import { badInput } from '@tideline/graphql';

export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 512;
const MAX_URL_LENGTH = 2048;

/** The endpoint, checked: an absolute http(s) URL without credentials (fetch refuses those; put them in the path or query instead). */
export function checkWebhookUrl(url: string, field = 'url'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput(`url '${url}' is not an absolute URL; expected https://host/path`, field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw badInput(`url protocol '${parsed.protocol}' is not supported; expected https:// or http://`, field);
  }
  if (parsed.username || parsed.password) throw badInput('url must not carry credentials (user:password@); the signature authenticates deliveries', field);
  if (url.length > MAX_URL_LENGTH) throw badInput(`url is longer than ${MAX_URL_LENGTH} characters`, field);
  return parsed.toString();
}

/** The given secret, checked, or 32 random bytes as hex. */
export function webhookSecret(given: string | null | undefined): string {
  if (given === null || given === undefined) return randomBytes(32).toString('hex');
  if (given.length < MIN_SECRET_LENGTH) throw badInput(`secret must be at least ${MIN_SECRET_LENGTH} characters; omit it to get a generated one`, 'secret');
  if (given.length > MAX_SECRET_LENGTH) throw badInput(`secret must be at most ${MAX_SECRET_LENGTH} characters`, 'secret');
  return given;
}
