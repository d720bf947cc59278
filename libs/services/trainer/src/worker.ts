import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { isPublicError } from '@tideline/contracts';
import { consumeConcurrently } from '@tideline/nats';
import { newRequestId, type Logger } from '@tideline/runtime';
import { ArchiveCancelledVersionDocument } from './__generated__/registry-operations.ts';
import { runPipeline, type PipelineDeps } from './pipeline.ts';
import { FINISHED, type RunStore, type TrainingRunRecord } from './runs.ts';
import type { TrainingEvents } from './training-events.ts';

export interface WorkerOptions extends PipelineDeps {
  consumer: Consumer;
  runs: RunStore;
  events: TrainingEvents;
  logger: Logger;
  concurrency: number;
  maxAttempts: number;
  ackWaitMs: number;
}

export interface TrainingJob {
  project: string;
  id: string;
}

const CANCELLED = 'cancelled by cancelTraining';

/**
 * Takes queued runs from the shared work queue, `concurrency` at a time. A
 * worker tells JetStream it is alive (`working()`) every third of ack_wait
 * while it trains; one that dies stops telling, and the job goes to another
 * worker, which restarts the run from the beginning (same seed and data:
 * the same weights on the same backend). After `maxAttempts` deliveries the
 * run is FAILED rather than retried forever.
 */
export async function startWorkers(options: WorkerOptions): Promise<{ stop(): Promise<void> }> {
  if (options.concurrency === 0) return { stop: async () => {} };
  const stopping = new AbortController();
  const consuming = await consumeConcurrently(options.consumer, options.concurrency, (msg) =>
    work(options, msg, stopping.signal).catch((err: unknown) => {
      options.logger.error({ err }, 'training job failed outside its run; it will be redelivered');
      msg.nak(5000);
    }),
  );
  return {
    async stop() {
      // A run cut short by a stop is handed back at once to a worker that keeps running (nak), not after ack_wait.
      stopping.abort(new Error('the trainer is stopping'));
      await consuming.stop();
    },
  };
}

async function work(o: WorkerOptions, msg: JsMsg, stopping: AbortSignal): Promise<void> {
  const job = msg.json<TrainingJob>();
  const run = await o.runs.update(job.project, job.id, (r) =>
    FINISHED.has(r.status) ? null : { ...r, status: 'RUNNING', attempts: r.attempts + 1, startedAt: new Date().toISOString(), progress: null, error: null },
  );
  if (!run || FINISHED.has(run.status)) return msg.ack();
  if (run.attempts > o.maxAttempts) {
    await finish(o, run, 'FAILED', { error: `the run's worker stopped ${o.maxAttempts} times before finishing it (TRAINER_MAX_ATTEMPTS)` });
    return msg.ack();
  }
  await o.events.publish('STARTED', run);

  const abort = new AbortController();
  const onStop = () => abort.abort(stopping.reason);
  stopping.addEventListener('abort', onStop);
  const watcher = await o.runs.watchRun(run.project, run.id, (r) => r.status === 'CANCELLED' && abort.abort(new Error(CANCELLED)));
  const alive = setInterval(() => msg.working(), Math.max(500, Math.floor(o.ackWaitMs / 3)));
  try {
    const outcome = await runPipeline(o, run, abort.signal, (progress) => {
      void o.runs
        .update(run.project, run.id, (r) => (r.status !== 'RUNNING' ? null : { ...r, progress }))
        .then((r) => (r?.status === 'RUNNING' ? o.events.publish('PROGRESS', r) : undefined))
        .catch((err: unknown) => o.logger.warn({ err, run: run.id }, 'could not record training progress'));
    });
    const done = await finish(o, run, 'SUCCEEDED', { metrics: outcome.metrics, backend: outcome.backend, modelVersion: run.version });
    // Cancelled after its last check, while it registered: the candidate it registered is archived (the loop relies on it).
    if (done?.status === 'CANCELLED') await archiveCancelled(o, done);
    msg.ack();
  } catch (err) {
    if (stopping.aborted) return msg.nak();
    if (abort.signal.aborted) return msg.ack(); // cancelled: cancelTraining recorded it and told everyone
    let message: string;
    if (isPublicError(err)) message = err.message;
    else {
      const errorId = newRequestId();
      o.logger.error({ err, run: run.id, project: run.project, errorId }, 'training run failed');
      message = `internal error (id ${errorId} in the trainer's log)`;
    }
    await finish(o, run, 'FAILED', { error: message });
    msg.ack();
  } finally {
    clearInterval(alive);
    watcher.stop();
    stopping.removeEventListener('abort', onStop);
  }
}

/** Ends the run `status` unless it ended meanwhile (cancelTraining); resolves to the run as stored. */
async function finish(o: WorkerOptions, run: TrainingRunRecord, status: 'SUCCEEDED' | 'FAILED', fields: Partial<TrainingRunRecord>): Promise<TrainingRunRecord | null> {
  const done = await o.runs.update(run.project, run.id, (r) => (FINISHED.has(r.status) ? null : { ...r, ...fields, status, finishedAt: new Date().toISOString() }));
  if (done && done.status === status) await o.events.publish(status === 'SUCCEEDED' ? 'COMPLETED' : 'FAILED', done);
  return done;
}

/**
 * A cancel that lands between the pipeline's last check and the end of the
 * registration leaves a registered CANDIDATE of a CANCELLED run: it is
 * archived, so no gate, approver or decision takes it up. A failure is only
 * logged: the run is over either way, and the version can be archived by hand.
 */
async function archiveCancelled(o: WorkerOptions, run: TrainingRunRecord): Promise<void> {
  const reason = `training run ${run.id} was cancelled while its candidate was being registered`;
  await o.callees.registry
    .request(run.project, ArchiveCancelledVersionDocument, { model: run.model, version: run.version, reason })
    .catch((err: unknown) => {
      // ALREADY_IN_STAGE: whoever cancelled it (the loop) archived it first.
      if ((err as { code?: string }).code !== 'ALREADY_IN_STAGE') o.logger.warn({ err, run: run.id, version: run.version }, 'could not archive the candidate of a cancelled training run');
    });
}
