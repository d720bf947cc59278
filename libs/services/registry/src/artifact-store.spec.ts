import { describe, expect, it } from 'vitest';
import { ArtifactCorruptError, sha256, verifiedChunks } from './artifact-store.ts';

const chunks = ['first ', 'second ', 'last'].map((s) => Buffer.from(s));
async function* source() {
  yield* chunks;
}
/** Takes chunks until the generator ends or throws; what was taken and how it ended. */
async function drain(digest: string) {
  const taken: string[] = [];
  try {
    for await (const chunk of verifiedChunks(digest, source())) taken.push(Buffer.from(chunk).toString());
    return { taken, error: null };
  } catch (err) {
    return { taken, error: err };
  }
}

describe('verifiedChunks', () => {
  it('passes every chunk of a file that matches its digest', async () => {
    expect(await drain(sha256(Buffer.concat(chunks)))).toEqual({ taken: ['first ', 'second ', 'last'], error: null });
  });

  it('withholds the last chunk of a file that does not match, so no reader gets it whole', async () => {
    const { taken, error } = await drain(sha256(Buffer.from('something else')));
    expect(taken).toEqual(['first ', 'second ']);
    expect(error).toBeInstanceOf(ArtifactCorruptError);
    expect((error as ArtifactCorruptError).extensions).toMatchObject({ code: 'ARTIFACT_CORRUPT' });
  });
});
