import { createHash, randomUUID } from 'node:crypto';
import type { JetStreamManager, MsgRequest } from '@nats-io/jetstream';
import type { ObjectInfo, ObjectStore } from '@nats-io/obj';
import { ArtifactCorruptError, ArtifactTooLargeError, verifiedChunks, type ArtifactReader, type ArtifactStore, type StoredArtifact } from './artifact-store.ts';

const name = (project: string, digest: string) => `${project}/${digest}`;

/**
 * Artifacts in a JetStream object store: replicated with the NATS cluster the
 * platform already runs, chunked (large weight files stream in 128 KiB
 * chunks), no other storage service to operate. Uploads stream under a
 * temporary name while hashing, then take their digest as their name.
 *
 * Reads fetch one chunk at a time from the bucket's stream rather than use
 * the object store's `get`: that pushes every chunk into an unbounded queue
 * as fast as the server sends it, so a slow download would hold the whole
 * file in memory. Here the next chunk is asked for only once the previous
 * one was consumed.
 */
export class ObjectStoreArtifacts implements ArtifactStore {
  private readonly stream: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly jsm: JetStreamManager,
    private readonly bucket: string,
  ) {
    // The object store's layout (NATS ADR-20): stream OBJ_<bucket>, chunks on $O.<bucket>.C.<nuid>.
    this.stream = `OBJ_${bucket}`;
  }

  async put(project: string, data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredArtifact> {
    const hash = createHash('sha256');
    let size = 0;
    const upload = `${project}/upload/${randomUUID()}`;
    const source = data[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await source.next();
        if (next.done) return controller.close();
        size += next.value.length;
        if (size > maxBytes) return controller.error(new ArtifactTooLargeError(maxBytes));
        hash.update(next.value);
        controller.enqueue(next.value);
      },
    });
    try {
      await this.store.put({ name: upload }, stream);
    } catch (err) {
      await this.store.delete(upload).catch(() => undefined);
      throw err instanceof ArtifactTooLargeError || (err as Error).cause instanceof ArtifactTooLargeError ? new ArtifactTooLargeError(maxBytes, { cause: err }) : err;
    }
    const digest = `sha256:${hash.digest('hex')}`;
    const final = name(project, digest);
    if (await this.store.info(final)) await this.store.delete(upload);
    else {
      // Renaming may race another upload of the same bytes: either name then holds them.
      await this.store.update(upload, { name: final }).catch(async (err: Error) => {
        await this.store.delete(upload).catch(() => undefined);
        if (!(await this.store.info(final))) throw err;
      });
    }
    return { digest, size };
  }

  async read(project: string, digest: string): Promise<ArtifactReader | null> {
    const info = await this.store.info(name(project, digest));
    if (!info || info.deleted) return null;
    return { size: info.size, chunks: verifiedChunks(digest, this.chunks(digest, info)) };
  }

  async size(project: string, digest: string): Promise<number | null> {
    const info = await this.store.info(name(project, digest));
    return info && !info.deleted ? info.size : null;
  }

  /** The object's chunks in order, each asked of the stream's leader once the previous one was taken. */
  private async *chunks(digest: string, info: ObjectInfo): AsyncGenerator<Uint8Array> {
    const subject = `$O.${this.bucket}.C.${info.nuid}`;
    let seq = 0;
    let size = 0;
    for (let i = 0; i < info.chunks; i++) {
      // `next_by_subj` is part of the server's message-get API (2.9+); the client's type omits it.
      const msg = await this.jsm.streams.getMessage(this.stream, { seq: seq + 1, next_by_subj: subject } as unknown as MsgRequest);
      if (!msg) break;
      size += msg.data.length;
      yield msg.data;
      seq = msg.seq;
    }
    // Readers trust the recorded size (Content-Length, the manifest) once the bytes hash right: it must be theirs.
    if (size !== info.size) throw new ArtifactCorruptError(digest, `${size} bytes are stored where ${info.size} were recorded`);
  }
}
