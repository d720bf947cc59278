import { Worker } from 'node:worker_threads';
import type { Logger } from '@tideline/runtime';
import { prepareBulk, type BulkInput, type BulkPrepared } from './prepare.ts';

/** Prepares bulk request bodies (`prepareBulk`) on worker threads, or inline when there are none. */
export interface BulkPreparer {
  prepare(input: BulkInput): Promise<BulkPrepared>;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: BulkPrepared): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export const BULK_WORKER_URL = new URL('./bulk-worker.ts', import.meta.url);
/**
 * A worker does not inherit the process's TypeScript loader (Node 20 runs
 * `--import tsx` only on the main thread): it registers tsx's loader, then
 * imports the worker's module.
 */
const TSX_API = import.meta.resolve('tsx/esm/api');
const bootstrap = (worker: URL) => `import(${JSON.stringify(TSX_API)}).then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(worker.href)}); })`;
/** How long stopping waits for bodies being prepared: shutdown drains the requests in flight. */
const CLOSE_WAIT_MS = 10_000;

/**
 * `count` worker threads (0: inline). Parsing, validating and encoding are
 * the CPU of ingest; on the main thread they competed with everything else
 * the process serves (the store's writer, queries), which capped end-to-end
 * ingest at one core. A body goes to the thread with the fewest bodies in
 * hand. A thread that dies fails its bodies (the clients retry: nothing was
 * published) and is replaced.
 */
export function bulkPreparer(count: number, logger: Logger, workerUrl = BULK_WORKER_URL): BulkPreparer {
  if (count === 0) return { prepare: async (input) => prepareBulk(input), close: async () => undefined };
  let next = 0;
  let closing = false;
  const threads: Thread[] = [];
  const spawn = (slot: number) => {
    const worker = new Worker(bootstrap(workerUrl), { eval: true });
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', ({ id, result, error }: { id: number; result?: BulkPrepared; error?: string }) => {
      const p = thread.pending.get(id);
      thread.pending.delete(id);
      if (error !== undefined) p?.reject(new Error(`ingest worker failed: ${error}`));
      else p?.resolve(result!);
    });
    const fail = (err: Error) => {
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
      if (!closing && threads[slot] === thread) {
        logger.error({ err }, 'ingest worker thread ended; starting another');
        spawn(slot);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ingest worker thread exited with code ${code}`)));
    worker.unref();
    threads[slot] = thread;
  };
  return {
    prepare(input) {
      // Started with the first body: a process that never serves the bulk API never loads them.
      if (threads.length === 0) for (let i = 0; i < count; i++) spawn(i);
      const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = next++;
      // A copy of exactly the body: a view is posted with the whole buffer under it.
      const body = new Uint8Array(input.body);
      return new Promise<BulkPrepared>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, input: { ...input, body } }, [body.buffer]);
      });
    },
    /** Lets the bodies in hand finish (at most CLOSE_WAIT_MS), then ends the threads. */
    async close() {
      closing = true;
      const deadline = Date.now() + CLOSE_WAIT_MS;
      while (threads.some((t) => t.pending.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
