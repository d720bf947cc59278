import { createHash, randomUUID } from 'node:crypto';
import type { ObjectStore } from '@nats-io/obj';
import { ArtifactCorruptError, ArtifactTooLargeError, verified, type ArtifactStore, type StoredArtifact } from './artifact-store.ts';

const name = (project: string, digest: string) => `${project}/${digest}`;

/**
 * Artifacts in a JetStream object store: replicated with the NATS cluster the
 * platform already runs, chunked (large weight files stream in 128 KiB
 * chunks), no other storage service to operate. Uploads stream under a
 * temporary name while hashing, then take their digest as their name.
 */
export class ObjectStoreArtifacts implements ArtifactStore {
  constructor(private readonly store: ObjectStore) {}

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
      throw err instanceof ArtifactTooLargeError || (err as Error).cause instanceof ArtifactTooLargeError ? new ArtifactTooLargeError(maxBytes) : err;
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

  async get(project: string, digest: string): Promise<Uint8Array | null> {
    let data: Uint8Array | null;
    try {
      data = await this.store.getBlob(name(project, digest));
    } catch (err) {
      // The object store checks its own chunk digest too; a mismatch there is corruption as well.
      if (/digests do not match|corrupt/i.test((err as Error).message)) throw new ArtifactCorruptError(digest, 'a different digest (chunks modified)');
      throw err;
    }
    return data === null ? null : verified(digest, data);
  }

  async has(project: string, digest: string): Promise<boolean> {
    const info = await this.store.info(name(project, digest));
    return info !== null && !info.deleted;
  }
}
