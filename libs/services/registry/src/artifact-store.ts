import { createHash } from 'node:crypto';
import { PublicError } from '@tideline/graphql';

/** `sha256:<hex>` of some bytes: the name of content in the artifact store. */
export const sha256 = (data: Uint8Array) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface StoredArtifact {
  digest: string;
  size: number;
}

/**
 * Content-addressed storage of artifact files, scoped per project. One small
 * interface so a filesystem or S3 store can replace the JetStream one: an
 * implementation stores bytes under their digest and must return them only
 * after checking them against it (`verified`), on every read.
 */
export interface ArtifactStore {
  /** Stores the bytes (streamed) and names them by their sha256; storing the same bytes again is a no-op. */
  put(project: string, data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredArtifact>;
  /** The bytes named `digest`, verified; null when absent; ArtifactCorruptError when they do not match. */
  get(project: string, digest: string): Promise<Uint8Array | null>;
  has(project: string, digest: string): Promise<boolean>;
}

/** Stored bytes that no longer hash to their name: never served. */
export class ArtifactCorruptError extends PublicError {
  constructor(digest: string, actual: string) {
    super('ARTIFACT_CORRUPT', `artifact ${digest} is corrupt: its stored bytes hash to ${actual}; it was modified after upload and is not served`, { digest });
  }
}

export class ArtifactTooLargeError extends PublicError {
  constructor(maxBytes: number) {
    super('ARTIFACT_TOO_LARGE', `artifact file exceeds the limit of ${maxBytes} bytes (REGISTRY_MAX_ARTIFACT_BYTES)`);
  }
}

/** Returns `data` if it hashes to `digest`; every store's read path goes through here. */
export function verified(digest: string, data: Uint8Array): Uint8Array {
  const actual = sha256(data);
  if (actual !== digest) throw new ArtifactCorruptError(digest, actual);
  return data;
}
