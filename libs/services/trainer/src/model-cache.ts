import { PublicError, type Subgraphs } from '@tideline/graphql';
import { loadModel, type LoadedModel, type ModelArtifact } from './ml/index.ts';
import { versionArtifact, type Callees } from './model-facts.ts';
import { callRoute } from './service-routes.ts';

/** A registered version's files, downloaded through the registry's artifact route (which verifies each against its digest). */
export async function downloadArtifact(subgraphs: Subgraphs, callees: Callees, project: string, model: string, version: string, field: string): Promise<ModelArtifact & { digest: string }> {
  const found = await versionArtifact(callees, project, model, version);
  if (!found) throw new PublicError('VERSION_NOT_FOUND', `model '${model}' has no version '${version}'`, { field });
  const files = await Promise.all(
    found.artifact.files.map(async (f) => ({ path: f.path, bytes: new Uint8Array(await (await callRoute(subgraphs, project, 'registry', f.downloadPath)).arrayBuffer()) })),
  );
  if (!files.some((f) => f.path === 'preprocessing.json'))
    throw new PublicError('BAD_USER_INPUT', `version '${version}' of '${model}' was not made by the trainer (no preprocessing.json beside model.json), so Tideline cannot score with it`, { field });
  return { digest: found.artifact.digest, files };
}

/**
 * Loaded versions for predict and shadow scoring, least recently used first
 * out. Keyed by project, model and version: versions are immutable, so an
 * entry never goes stale. Loads of the same version share one download.
 */
export class ModelCache {
  private readonly entries = new Map<string, Promise<LoadedModel>>();

  constructor(
    private readonly subgraphs: Subgraphs,
    private readonly callees: Callees,
    private readonly capacity: number,
  ) {}

  get(project: string, model: string, version: string, field: string): Promise<LoadedModel> {
    const key = JSON.stringify([project, model, version]);
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = downloadArtifact(this.subgraphs, this.callees, project, model, version, field).then(loadModel);
    // A failed load is not kept: the next call tries again.
    entry.catch(() => this.entries.delete(key));
    this.entries.set(key, entry);
    for (const [old, loaded] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(old);
      void loaded.then((m) => m.dispose(), () => undefined);
    }
    return entry;
  }

  clear(): void {
    for (const loaded of this.entries.values()) void loaded.then((m) => m.dispose(), () => undefined);
    this.entries.clear();
  }
}
