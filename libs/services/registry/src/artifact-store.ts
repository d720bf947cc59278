import { createHash } from 'node:crypto';
import { PublicError } from '@tideline/graphql';

/** `sha256:<hex>` of some bytes: the name of content in the artifact store. */
export const sha256 = (data: Uint8Array) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface StoredArtifact {
  digest: string;
  size: number;
}

/** A stored file's bytes, chunk by chunk: `size` is what the store recorded; the chunks are checked against the digest and that size as they pass. */
export interface ArtifactReader {
  size: number;
  chunks: AsyncIterable<Uint8Array>;
}

/**
 * Content-addressed storage of artifact files, scoped per project. One small
 * interface so a filesystem or S3 store can replace the JetStream one: an
 * implementation stores bytes under their digest and must pass every read
 * through `verifiedChunks`, so no read completes unless the bytes match their
 * name. Reads stream: memory per read is a chunk, never the file.
 */
export interface ArtifactStore {
  /** Stores the bytes (streamed) and names them by their sha256; storing the same bytes again is a no-op. */
  put(project: string, data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredArtifact>;
  /** The file named `digest`, read lazily; null when absent. Its chunks end with ArtifactCorruptError when they do not match. */
  read(project: string, digest: string): Promise<ArtifactReader | null>;
  /** The size the store recorded for `digest` (not verified: a cheap look before reading); null when absent. */
  size(project: string, digest: string): Promise<number | null>;
}

/** Stored bytes that no longer hash to their name: never served. */
export class ArtifactCorruptError extends PublicError {
  /** `found`: what was read instead, e.g. `its stored bytes hash to sha256:…`. */
  constructor(digest: string, found: string, options?: ErrorOptions) {
    super('ARTIFACT_CORRUPT', `artifact ${digest} is corrupt: ${found}; it was modified after upload and is not served`, { digest }, options);
  }
}

export class ArtifactTooLargeError extends PublicError {
  constructor(maxBytes: number, options?: ErrorOptions) {
    super('ARTIFACT_TOO_LARGE', `artifact file exceeds the limit of ${maxBytes} bytes (REGISTRY_MAX_ARTIFACT_BYTES)`, {}, options);
  }
}

/**
 * Passes `chunks` through while hashing them, one chunk behind: the last one
 * is released only once all of them hash to `digest`, else
 * ArtifactCorruptError. So no reader ever gets a whole file that does not
 * match its name (a download is cut short of its length); every store's read
 * path goes through here. A reader that must not act on bad bytes at all (a
 * download before its status line) reads once to the end first (`verifyArtifact`).
 */
export async function* verifiedChunks(digest: string, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let held: Uint8Array | null = null;
  for await (const chunk of chunks) {
    hash.update(chunk);
    if (held) yield held;
    held = chunk;
  }
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== digest) throw new ArtifactCorruptError(digest, `its stored bytes hash to ${actual}`);
  if (held) yield held;
}

/** Reads a file to its end without keeping it: its verified size, null when absent, ArtifactCorruptError when it does not match. */
export async function verifyArtifact(store: ArtifactStore, project: string, digest: string): Promise<number | null> {
  const file = await store.read(project, digest);
  if (!file) return null;
  let size = 0;
  for await (const chunk of file.chunks) size += chunk.length;
  return size;
}

/** A small file whole (a model.json), verified; `tooLarge()` is thrown past `maxBytes`, before reading it when the store knows. */
export async function readSmallArtifact(store: ArtifactStore, project: string, digest: string, maxBytes: number, tooLarge: () => Error): Promise<Buffer | null> {
  const file = await store.read(project, digest);
  if (!file) return null;
  if (file.size > maxBytes) throw tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of file.chunks) {
    size += chunk.length;
    // The recorded size could disagree with the chunks: stop at the limit either way.
    if (size > maxBytes) throw tooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
