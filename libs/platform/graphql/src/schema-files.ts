import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `*.graphql` file of a subgraph's source folder, in name order: each
 * query family keeps its schema beside its code (`drift.graphql` beside
 * `drift.ts`), extending the types of `schema.graphql`.
 */
export function readSchemaFiles(directory: string): string {
  return readdirSync(directory)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(directory, f), 'utf8'))
    .join('\n');
}
