import { MODEL_NAME_PATTERN } from '@tideline/contracts';
import { badInput } from '@tideline/graphql';

/**
 * Names that become NATS subject tokens and KV keys. Model names may contain
 * dots (a subject separator), so every name is encoded as one base64url token:
 * injective, and only the characters subjects and keys allow.
 */
export const toToken = (name: string) => Buffer.from(name, 'utf8').toString('base64url');
export const fromToken = (token: string) => Buffer.from(token, 'base64url').toString('utf8');

/** Versions name a model's `modelVersion` in the store, so they follow the same rules as model names, shorter. */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DATASET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const SHA256_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function checkModelName(name: string, field = 'model'): string {
  if (!MODEL_NAME_PATTERN.test(name)) throw badInput(`${field} must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit`, field);
  return name;
}

export function checkVersionName(version: string, field = 'version'): string {
  if (!VERSION_PATTERN.test(version)) throw badInput(`${field} must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit`, field);
  return version;
}

export function checkDatasetId(id: string, field = 'datasetId'): string {
  if (!DATASET_ID_PATTERN.test(id)) throw badInput(`${field} must be 1 to 128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit`, field);
  return id;
}

export function checkSha256(digest: string, field: string): string {
  if (!SHA256_PATTERN.test(digest)) throw badInput(`${field} must be 'sha256:' followed by 64 lowercase hex digits`, field);
  return digest;
}
