import { posix } from 'node:path';
import { badInput, PublicError } from '@tideline/graphql';
import { readSmallArtifact, sha256, verifyArtifact, type ArtifactStore } from './artifact-store.ts';
import type { ArtifactManifest } from './log-events.ts';
import { checkSha256 } from './names.ts';
import { checkTfjsModel } from './tfjs-model.ts';

export interface ArtifactFileInput {
  path: string;
  /** A file uploaded before (`POST /v1/artifacts`). */
  digest?: string | null;
  /** Or the file itself, for small artifacts sent in the mutation. */
  contentBase64?: string | null;
}

export interface ArtifactInput {
  files: ArtifactFileInput[];
  /** TFJS_* requires a model.json; unset, a model.json makes it TensorFlow.js, anything else OTHER. */
  format?: ArtifactManifest['format'] | null;
}

/** What one registerModelVersion may reference (config.ts: REGISTRY_MAX_*). */
export interface ArtifactLimits {
  maxInlineBytes: number;
  maxVersionFiles: number;
  maxVersionBytes: number;
}

/** model.json is parsed whole; the weights are in the shards, a topology is kilobytes to a few MiB. */
export const MAX_MODEL_JSON_BYTES = 16 * 1024 * 1024;

const FIELD = 'input.artifact';

/** One file of the request, checked: where it came from (for error fields) and its digest. */
interface FileRef {
  path: string;
  field: string;
  digestField: string;
  digest: string;
}

function checkPath(path: string, field: string): string {
  const normal = posix.normalize(path);
  if (!path || path.length > 256 || path.startsWith('/') || normal.startsWith('..') || normal !== path || path.includes('\\')) {
    throw badInput(`${field} must be a relative path of at most 256 characters, without '..', './' or a leading '/'`, field);
  }
  return path;
}

/**
 * Stores inline files, checks that every referenced file exists and is intact,
 * recognizes a TensorFlow.js model, and returns the manifest whose own digest
 * names the artifact as a whole. Everything the request says is checked
 * before anything is read; then each distinct file is read once, streamed
 * through sha256 (memory is a chunk, not the file), however many paths name it.
 */
export async function buildManifest(store: ArtifactStore, project: string, input: ArtifactInput, limits: ArtifactLimits): Promise<ArtifactManifest> {
  const refs = await storeAndCheckRefs(store, project, input, limits);

  // Sizes as the store recorded them, to refuse an oversized request before reading a byte.
  const recorded = new Map<string, number>();
  let total = 0;
  for (const ref of refs) {
    let size = recorded.get(ref.digest);
    if (size === undefined) {
      const found = await store.size(project, ref.digest);
      if (found === null) throw new PublicError('ARTIFACT_NOT_FOUND', `${ref.field}: no artifact file ${ref.digest} was uploaded to this project`, { field: ref.digestField });
      recorded.set(ref.digest, (size = found));
    }
    total += size;
    if (total > limits.maxVersionBytes) {
      throw badInput(`the artifact's files reference ${total} bytes up to ${ref.field}, more than ${limits.maxVersionBytes} (REGISTRY_MAX_VERSION_BYTES)`, ref.digestField);
    }
  }

  const files: ArtifactManifest['files'] = refs.map(({ path, digest }) => ({ path, digest, size: recorded.get(digest)! }));
  // The TF.js check needs model.json and the shards' sizes only: it runs before the long reads.
  const format = await formatOf(store, project, input.format ?? null, refs, files);
  for (const digest of recorded.keys()) {
    // A store's read refuses bytes that differ from the name or from the recorded size: once verified, the sizes above are true.
    if ((await verifyArtifact(store, project, digest)) === null) {
      throw new PublicError('ARTIFACT_NOT_FOUND', `no artifact file ${digest} in this project`, { field: refs.find((r) => r.digest === digest)!.digestField });
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const digest = sha256(Buffer.from(JSON.stringify({ format, files })));
  return { digest, format, files, size: files.reduce((s, f) => s + f.size, 0) };
}

/** The request's files checked (count, paths, digests, inline size), then the inline ones stored. */
async function storeAndCheckRefs(store: ArtifactStore, project: string, input: ArtifactInput, limits: ArtifactLimits): Promise<FileRef[]> {
  if (!input.files.length) throw badInput('an artifact needs at least one file', `${FIELD}.files`);
  if (input.files.length > limits.maxVersionFiles) {
    throw badInput(`an artifact has at most ${limits.maxVersionFiles} files (REGISTRY_MAX_VERSION_FILES); this one has ${input.files.length}`, `${FIELD}.files`);
  }
  let inlineBytes = 0;
  const inline: Buffer[] = [];
  const paths = new Map<string, number>();
  const refs: FileRef[] = [];
  for (const [i, file] of input.files.entries()) {
    const field = `${FIELD}.files[${i}]`;
    const path = checkPath(file.path, `${field}.path`);
    const first = paths.get(path);
    if (first !== undefined) throw badInput(`${field}.path '${path}' is already the path of files[${first}]; each path appears once`, `${field}.path`);
    paths.set(path, i);
    if ((file.digest == null) === (file.contentBase64 == null)) throw badInput(`${field} needs exactly one of digest and contentBase64`, field);
    if (file.digest != null) {
      refs.push({ path, field, digestField: `${field}.digest`, digest: checkSha256(file.digest, `${field}.digest`) });
      continue;
    }
    const bytes = Buffer.from(file.contentBase64!, 'base64');
    inlineBytes += bytes.length;
    if (inlineBytes > limits.maxInlineBytes) {
      throw badInput(`inline files exceed ${limits.maxInlineBytes} bytes (REGISTRY_MAX_INLINE_BYTES); upload large files with POST /v1/artifacts and pass their digest`, `${field}.contentBase64`);
    }
    inline.push(bytes);
    refs.push({ path, field, digestField: `${field}.contentBase64`, digest: sha256(bytes) });
  }
  // Stored only once the whole request is known to be well formed.
  for (const bytes of inline) {
    await store.put(project, (async function* () {
      yield bytes;
    })(), limits.maxInlineBytes);
  }
  return refs;
}

/** TFJS_* when a model.json is among the files and checks out against its shards, else OTHER. */
async function formatOf(store: ArtifactStore, project: string, wanted: ArtifactManifest['format'] | null, refs: FileRef[], files: ArtifactManifest['files']): Promise<ArtifactManifest['format']> {
  const modelJson = refs.find((f) => posix.basename(f.path) === 'model.json');
  if (!modelJson || wanted === 'OTHER') {
    if (wanted && wanted !== 'OTHER') throw badInput(`${FIELD}.format ${wanted} needs a model.json among the files`, `${FIELD}.format`);
    return 'OTHER';
  }
  const tooLarge = () =>
    badInput(`${modelJson.path} is larger than ${MAX_MODEL_JSON_BYTES} bytes: not a TensorFlow.js model.json (it holds the topology, not the weights); pass artifact.format OTHER if it is not one`, modelJson.digestField);
  const bytes = await readSmallArtifact(store, project, modelJson.digest, MAX_MODEL_JSON_BYTES, tooLarge);
  if (!bytes) throw new PublicError('ARTIFACT_NOT_FOUND', `no artifact file ${modelJson.digest} in this project`, { field: modelJson.digestField });
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badInput(`${modelJson.path} is not valid JSON`, modelJson.digestField);
  }
  const format = checkTfjsModel(modelJson.path, parsed, new Map(files.map((f) => [f.path, f.size])));
  if (wanted && wanted !== format) throw badInput(`${FIELD}.format is ${wanted} but ${modelJson.path} is ${format}`, `${FIELD}.format`);
  return format;
}
