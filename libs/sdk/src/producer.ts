import { sendBatch, type QueuedRecord, type SendCounters } from './batch-sender.ts';
import { TidelineError } from './errors.ts';
import type { ResolvedOptions } from './options.ts';
import type { FeedbackRecord, PredictionRecord, RecordKind } from './records.ts';

/** The producer's counters since it was created (a snapshot). */
export interface ProducerStats extends SendCounters {
  /** Records logged (accepted by `logPrediction` / `logFeedback` into the queue). */
  logged: number;
  /** Records held now: queued or in a request. Never more than `maxQueuedRecords`. */
  held: number;
  /** The most records ever held at once. */
  peakHeld: number;
  /** Calls that had to wait for room (backpressure). */
  waits: number;
}

const KINDS: readonly RecordKind[] = ['predictions', 'feedback'];

/**
 * The background half of the SDK: queues records per kind and sends them in
 * batches when a batch is full (records or bytes) or its oldest record has
 * waited `lingerMs`, at most `maxInFlight` requests at a time. Memory is
 * bounded by `maxQueuedRecords`: past it, logging waits until a batch settles.
 */
export class Producer {
  private readonly queues: Record<RecordKind, QueuedRecord[]> = { predictions: [], feedback: [] };
  private readonly bytes: Record<RecordKind, number> = { predictions: 0, feedback: 0 };
  private readonly counters: ProducerStats = { logged: 0, held: 0, peakHeld: 0, waits: 0, accepted: 0, rejected: 0, failed: 0, requests: 0, retries: 0 };
  private readonly roomWaiters: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private inFlight = 0;
  private flushing = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: ResolvedOptions) {}

  get stats(): ProducerStats {
    return { ...this.counters };
  }

  async log(kind: RecordKind, record: PredictionRecord | FeedbackRecord): Promise<void> {
    if (this.closed) throw new TidelineError({ code: 'PRODUCER_CLOSED', message: `cannot log ${kind}: this Tideline client was closed` });
    // Serialized now: a record changed by the caller after logging is sent as it was logged.
    const line = JSON.stringify(record);
    if (this.counters.held >= this.options.maxQueuedRecords) {
      this.counters.waits++;
      while (this.counters.held >= this.options.maxQueuedRecords) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    this.queues[kind].push({ record, line, queuedAt: Date.now() });
    this.bytes[kind] += line.length + 1;
    this.counters.logged++;
    this.counters.held++;
    this.counters.peakHeld = Math.max(this.counters.peakHeld, this.counters.held);
    this.pump();
  }

  /** Sends everything held now, partial batches included; resolves once nothing is held. */
  async flush(): Promise<void> {
    if (this.counters.held === 0) return;
    this.flushing++;
    try {
      const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      this.pump();
      await idle;
    } finally {
      this.flushing--;
    }
  }

  /** Refuses new records, then flushes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.timer);
  }

  private ready(kind: RecordKind, now: number): boolean {
    const queue = this.queues[kind];
    if (!queue.length) return false;
    return this.flushing > 0 || queue.length >= this.options.batchSize || this.bytes[kind] >= this.options.maxBatchBytes || now - queue[0]!.queuedAt >= this.options.lingerMs;
  }

  /** Starts as many batches as are ready and allowed, then arms the linger timer for what is left. */
  private pump(): void {
    const now = Date.now();
    for (const kind of KINDS) {
      while (this.inFlight < this.options.maxInFlight && this.ready(kind, now)) this.start(kind, this.take(kind));
    }
    this.arm(now);
  }

  private take(kind: RecordKind): QueuedRecord[] {
    const queue = this.queues[kind];
    let count = 0;
    let size = 0;
    // At least one record, even one larger than maxBatchBytes: the server decides about it.
    while (count < queue.length && count < this.options.batchSize && (count === 0 || size + queue[count]!.line.length + 1 <= this.options.maxBatchBytes)) {
      size += queue[count]!.line.length + 1;
      count++;
    }
    this.bytes[kind] -= size;
    return queue.splice(0, count);
  }

  private start(kind: RecordKind, batch: QueuedRecord[]): void {
    this.inFlight++;
    void sendBatch(this.options, this.counters, kind, batch).finally(() => {
      this.inFlight--;
      this.counters.held -= batch.length;
      for (const wake of this.roomWaiters.splice(0, batch.length)) wake();
      if (this.counters.held === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      this.pump();
    });
  }

  /** One timer for the oldest queued record; unref'd, so it never keeps a process alive (exit flushes instead). */
  private arm(now: number): void {
    // With every request slot taken, the next one to finish pumps again.
    if (this.timer !== undefined || this.inFlight >= this.options.maxInFlight) return;
    const oldest = Math.min(...KINDS.map((kind) => this.queues[kind][0]?.queuedAt ?? Infinity));
    if (oldest === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, oldest + this.options.lingerMs - now));
    this.timer.unref?.();
  }
}
