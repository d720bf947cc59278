import { posix } from 'node:path';
import { badInput, PublicError } from '@tideline/graphql';
import { sha256, type ArtifactStore } from './artifact-store.ts';
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

const MAX_FILES = 1000;

function checkPath(path: string, field: string): string {
  const normal = posix.normalize(path);
  if (!path || path.length > 256 || path.startsWith('/') || normal.startsWith('..') || normal !== path || path.includes('\\')) {
    throw badInput(`${field} must be a relative path of at most 256 characters, without '..', './' or a leading '/'`, field);
  }
  return path;
}

/**
 * Stores inline files, checks that every referenced file exists and is intact
 * (each is read back and verified against its digest), recognizes a
 * TensorFlow.js model, and returns the manifest whose own digest names the
 * artifact as a whole.
 */
export async function buildManifest(store: ArtifactStore, project: string, input: ArtifactInput, maxInlineBytes: number): Promise<ArtifactManifest> {
  if (!input.files.length) throw badInput('an artifact needs at least one file', 'artifact.files');
  if (input.files.length > MAX_FILES) throw badInput(`an artifact has at most ${MAX_FILES} files`, 'artifact.files');
  let inlineBytes = 0;
  const files: ArtifactManifest['files'] = [];
  const contents = new Map<string, Uint8Array>();
  for (const [i, file] of input.files.entries()) {
    const field = `artifact.files[${i}]`;
    const path = checkPath(file.path, `${field}.path`);
    if (contents.has(path)) throw badInput(`${field}.path '${path}' appears twice`, `${field}.path`);
    if ((file.digest == null) === (file.contentBase64 == null)) throw badInput(`${field} needs exactly one of digest and contentBase64`, field);
    let digest: string;
    if (file.contentBase64 != null) {
      const bytes = Buffer.from(file.contentBase64, 'base64');
      inlineBytes += bytes.length;
      if (inlineBytes > maxInlineBytes) {
        throw badInput(`inline files exceed ${maxInlineBytes} bytes (REGISTRY_MAX_INLINE_BYTES); upload large files with POST /v1/artifacts and pass their digest`, `${field}.contentBase64`);
      }
      digest = (await store.put(project, (async function* () {
        yield bytes;
      })(), maxInlineBytes)).digest;
    } else digest = checkSha256(file.digest!, `${field}.digest`);
    const data = await store.get(project, digest);
    if (!data) throw new PublicError('ARTIFACT_NOT_FOUND', `${field}: no artifact file ${digest} was uploaded to this project`, { field: `${field}.digest` });
    contents.set(path, data);
    files.push({ path, digest, size: data.length });
  }

  const modelJson = files.find((f) => posix.basename(f.path) === 'model.json');
  let format: ArtifactManifest['format'] = 'OTHER';
  if (modelJson && input.format !== 'OTHER') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(contents.get(modelJson.path)!).toString('utf8'));
    } catch {
      throw badInput(`${modelJson.path} is not valid JSON`, 'artifact.files');
    }
    format = checkTfjsModel(modelJson.path, parsed, new Map(files.map((f) => [f.path, f.size])));
    if (input.format && input.format !== format) throw badInput(`artifact.format is ${input.format} but ${modelJson.path} is ${format}`, 'artifact.format');
  } else if (input.format && input.format !== 'OTHER') throw badInput(`artifact.format ${input.format} needs a model.json among the files`, 'artifact.format');

  files.sort((a, b) => a.path.localeCompare(b.path));
  const digest = sha256(Buffer.from(JSON.stringify({ format, files })));
  return { digest, format, files, size: files.reduce((s, f) => s + f.size, 0) };
}
