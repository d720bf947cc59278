import { createHmac, timingSafeEqual } from 'node:crypto';
import { setting } from '@tideline/runtime';

/**
 * The gateway authenticates API keys; subgraphs trust only the project it
 * names in a header signed with a secret they share. A signature is valid
 * for five minutes, so a captured header cannot be replayed for long.
 */
export const PROJECT_HEADER = 'x-tideline-project';
export const TIMESTAMP_HEADER = 'x-tideline-timestamp';
export const SIGNATURE_HEADER = 'x-tideline-signature';
const MAX_SKEW_MS = 5 * 60_000;

export const internalSecretSetting = {
  ...setting.string({
    env: 'TIDELINE_INTERNAL_SECRET',
    doc: 'shared secret (at least 32 characters) with which the gateway signs the project it passes to subgraphs; npm start generates one',
  }),
  parse(raw: string) {
    if (raw.length < 32) throw new Error('must be at least 32 characters');
    return raw;
  },
};

export class SignatureError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

const sign = (secret: string, project: string, timestamp: string) => createHmac('sha256', secret).update(`${project}\n${timestamp}`).digest('hex');

export function signProject(secret: string, project: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  return { [PROJECT_HEADER]: project, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(secret, project, timestamp) };
}

type HeaderLookup = (name: string) => string | undefined;

/** The project of a request the gateway signed; throws `SignatureError` otherwise. */
export function verifyProject(secret: string, header: HeaderLookup, now = Date.now()): string {
  const project = header(PROJECT_HEADER);
  const timestamp = header(TIMESTAMP_HEADER);
  const signature = header(SIGNATURE_HEADER);
  if (!project || !timestamp || !signature) throw new SignatureError('request is not signed by the gateway');
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) throw new SignatureError('request signature has expired');
  const expected = Buffer.from(sign(secret, project, timestamp), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SignatureError('request signature is invalid');
  return project;
}
