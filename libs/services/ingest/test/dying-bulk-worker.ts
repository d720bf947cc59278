/** A bulk worker that dies on an empty body, as a thread can die (out of memory, a native crash); else it answers as bulk-worker.ts does. */
import { parentPort } from 'node:worker_threads';
import { prepareBulk, type BulkInput } from '../src/prepare.ts';

parentPort!.on('message', ({ id, input }: { id: number; input: BulkInput }) => {
  if (input.body.byteLength === 0) process.exit(3);
  parentPort!.postMessage({ id, result: prepareBulk(input) });
});
