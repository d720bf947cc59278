/**
 * A worker thread of the bulk API (`bulk-workers.ts`): digests, parses,
 * validates and encodes request bodies, so the main thread only checks tasks
 * and publishes.
 */
import { parentPort } from 'node:worker_threads';
import { prepareBulk, type BulkInput } from './prepare.ts';

parentPort!.on('message', ({ id, input }: { id: number; input: BulkInput }) => {
  try {
    parentPort!.postMessage({ id, result: prepareBulk(input) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).stack ?? String(err) });
  }
});
