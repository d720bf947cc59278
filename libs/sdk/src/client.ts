import {
  AlertEventsDocument,
  AlertsDocument,
  DriftReportDocument,
  LoopEventsDocument,
  LoopRunsDocument,
  MetricDocument,
  ModelsDocument,
  ModelVersionsDocument,
  MonitorEvaluatedDocument,
  PromoteDocument,
  RetrainingDecisionChangedDocument,
  RetrainingDecisionDocument,
  SliceMetricsDocument,
  type AlertEventsSubscription,
  type AlertEventsSubscriptionVariables,
  type AlertsQuery,
  type AlertsQueryVariables,
  type DriftReportQuery,
  type DriftReportQueryVariables,
  type LoopEventsSubscription,
  type LoopEventsSubscriptionVariables,
  type LoopRunsQuery,
  type LoopRunsQueryVariables,
  type MetricQuery,
  type MetricQueryVariables,
  type ModelsQuery,
  type ModelVersionsQuery,
  type ModelVersionsQueryVariables,
  type MonitorEvaluatedSubscription,
  type MonitorEvaluatedSubscriptionVariables,
  type PromoteMutation,
  type PromoteMutationVariables,
  type RetrainingDecisionChangedSubscriptionVariables,
  type RetrainingDecisionQueryVariables,
  type SliceMetricsQuery,
  type SliceMetricsQueryVariables,
} from './__generated__/graphql.ts';
import { alertChanges, type AlertChange } from './alert-changes.ts';
import type { FollowRetry } from './follow.ts';
import { decisionChanges, type DecisionChangesOptions, type RetrainingDecision, type RetrainingDecisionChange } from './decision-changes.ts';
import { executeGraphql, operationText, type GraphqlTransport, type Operation } from './graphql-client.ts';
import { isQueryOnly, retryQuery } from './query-retry.ts';
import { resolveOptions, type ResolvedOptions, type TidelineOptions } from './options.ts';
import { Producer, type ProducerStats } from './producer.ts';
import type { FeedbackRecord, PredictionRecord } from './records.ts';
import { subscribe, type SubscriptionOptions } from './subscription.ts';

/**
 * A client of one Tideline project: logs predictions and feedback in
 * background batches, asks typed questions, and follows live events.
 *
 * ```ts
 * const tl = new Tideline({ url: 'http://localhost:4000', apiKey: process.env.TIDELINE_KEY! });
 * await tl.logPrediction({ id: 'p-1', model: 'churn', output: { score: 0.83 } });
 * await tl.close(); // sends what is queued
 * ```
 */
export class Tideline {
  private readonly options: ResolvedOptions;
  private readonly producer: Producer;
  private readonly transport: GraphqlTransport;
  private readonly flushBeforeExit = () => void this.producer.flush();

  constructor(options: TidelineOptions) {
    this.options = resolveOptions(options);
    this.producer = new Producer(this.options);
    this.transport = { url: this.options.url, apiKey: this.options.apiKey, fetch: this.options.fetch };
    // beforeExit fires when the event loop runs dry, so a script that logs and ends still sends its records;
    // process.exit(), an uncaught exception's exit, a signal's default action or SIGKILL skip it (see README).
    if (this.options.flushOnExit) process.on('beforeExit', this.flushBeforeExit);
  }

  // ── Producer ──────────────────────────────────────────────────────────

  /**
   * Queues a prediction to be sent in the background. Resolves once it is
   * queued; waits while `maxQueuedRecords` are held (backpressure). Records the
   * server refuses go to `onRejected`; throws only after `close()`.
   */
  logPrediction(record: PredictionRecord): Promise<void> {
    return this.producer.log('predictions', record);
  }

  /** Queues ground truth for a prediction, as `logPrediction` does. */
  logFeedback(record: FeedbackRecord): Promise<void> {
    return this.producer.log('feedback', record);
  }

  /** Sends everything queued, partial batches included; resolves when every record is accepted, rejected or given up. */
  flush(): Promise<void> {
    return this.producer.flush();
  }

  /** Refuses further records, sends what is queued, and releases the exit hook. */
  async close(): Promise<void> {
    try {
      await this.producer.close();
    } finally {
      process.off('beforeExit', this.flushBeforeExit);
    }
  }

  /** The producer's counters: logged, held (and its peak), waits, requests, retries, accepted, rejected, failed. */
  get stats(): ProducerStats {
    return this.producer.stats;
  }

  // ── Queries ───────────────────────────────────────────────────────────

  /**
   * Any query or mutation; throws a TidelineError with the first error's
   * `code` and `field`. A query that got no answer, `INTERNAL_SERVER_ERROR`,
   * `SERVICE_UNAVAILABLE` or a 502–504 is sent again with the client's
   * backoff, 3 attempts in all; a mutation never is.
   */
  graphql<TResult = Record<string, unknown>, TVariables = Record<string, unknown>>(operation: Operation<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
    const text = operationText(operation);
    const send = () => executeGraphql<TResult>(this.transport, text, variables);
    return isQueryOnly(text) ? retryQuery(send, { baseMs: this.options.retryBaseMs, maxMs: this.options.retryMaxMs }) : send();
  }

  /** A metric over a window, per time bucket with `granularity` (definitions as scikit-learn's). */
  async metric(variables: MetricQueryVariables): Promise<MetricQuery['metric']> {
    return (await this.graphql(MetricDocument, variables)).metric;
  }

  /** Metrics per slice of `groupBy`, with a significance test against the rest. */
  async sliceMetrics(variables: SliceMetricsQueryVariables): Promise<SliceMetricsQuery['sliceMetrics']> {
    return (await this.graphql(SliceMetricsDocument, variables)).sliceMetrics;
  }

  /** Drift of features (and outputs) between a reference window and the current one. */
  async driftReport(variables: DriftReportQueryVariables): Promise<DriftReportQuery['driftReport']> {
    return (await this.graphql(DriftReportDocument, variables)).driftReport;
  }

  /** Alerts, newest first. */
  async alerts(variables: AlertsQueryVariables = {}): Promise<AlertsQuery['alerts']> {
    return (await this.graphql(AlertsDocument, variables)).alerts;
  }

  /** The project's models with their counts and champion. */
  async models(): Promise<ModelsQuery['models']> {
    return (await this.graphql(ModelsDocument, {})).models;
  }

  /** A model's registered versions (optionally of one stage) and its champion; null for an unknown model. */
  async modelVersions(variables: ModelVersionsQueryVariables): Promise<ModelVersionsQuery['model']> {
    return (await this.graphql(ModelVersionsDocument, variables)).model;
  }

  /** Moves a version to a stage; to CHAMPION over a champion the gate runs (`GATE_FAILED` unless `override`). */
  async promote(variables: PromoteMutationVariables): Promise<PromoteMutation['promote']> {
    return (await this.graphql(PromoteDocument, variables)).promote;
  }

  /** Retrain, promote, roll back or hold, with the evidence. */
  async retrainingDecision(variables: RetrainingDecisionQueryVariables): Promise<RetrainingDecision> {
    return (await this.graphql(RetrainingDecisionDocument, variables)).retrainingDecision;
  }

  /** The model's loop runs, newest first. */
  async loopRuns(variables: LoopRunsQueryVariables): Promise<LoopRunsQuery['loopRuns']> {
    return (await this.graphql(LoopRunsDocument, variables)).loopRuns;
  }

  // ── Live events ───────────────────────────────────────────────────────

  /** Any subscription, as an async iterator of its payloads' data (Server-Sent Events). */
  subscribe<TResult = Record<string, unknown>, TVariables = Record<string, unknown>>(
    operation: Operation<TResult, TVariables>,
    variables?: TVariables,
    options?: SubscriptionOptions,
  ): AsyncGenerator<TResult, void, undefined> {
    return subscribe<TResult>(this.transport, operationText(operation), variables, options);
  }

  /** Alerts of a model (or of every model) as they fire and resolve. */
  async *alertEvents(variables: AlertEventsSubscriptionVariables = {}, options?: SubscriptionOptions): AsyncGenerator<AlertEventsSubscription['alertEvents'], void, undefined> {
    for await (const data of this.subscribe(AlertEventsDocument, variables, options)) yield data.alertEvents;
  }

  /**
   * The alerts of a model (or of every model) firing now, then each that fires or resolves, through dropped streams:
   * opened again with the client's backoff (`retryBaseMs`/`retryMaxMs`, `maxAttempts` failures in a row at most), and
   * what fired or resolved meanwhile read back, each event once (`alertChanges` in alert-changes.ts).
   */
  alertChanges(variables: AlertEventsSubscriptionVariables = {}, options?: SubscriptionOptions): AsyncGenerator<AlertChange, void, undefined> {
    return alertChanges(
      {
        subscribe: (o) => this.alertEvents(variables, o),
        list: (state, since) => this.alerts({ model: variables.model, state, from: since, first: 1000 }),
        retry: this.followRetry(),
      },
      options,
    );
  }

  /** How the following iterators (`alertChanges`, `decisionChanges`) open a dropped stream again: the client's backoff. */
  private followRetry(): FollowRetry {
    return { maxAttempts: this.options.maxAttempts, baseMs: this.options.retryBaseMs, maxMs: this.options.retryMaxMs };
  }

  /** Each evaluation of the monitors of a model (or of every model), failed ones included: the monitor with the status it left. */
  async *monitorEvaluated(
    variables: MonitorEvaluatedSubscriptionVariables = {},
    options?: SubscriptionOptions,
  ): AsyncGenerator<MonitorEvaluatedSubscription['monitorEvaluated'], void, undefined> {
    for await (const data of this.subscribe(MonitorEvaluatedDocument, variables, options)) yield data.monitorEvaluated;
  }

  /** Loop runs of a model (or of every model) as they start, move a step, wait and end. */
  async *loopEvents(variables: LoopEventsSubscriptionVariables = {}, options?: SubscriptionOptions): AsyncGenerator<LoopEventsSubscription['loopEvents'], void, undefined> {
    for await (const data of this.subscribe(LoopEventsDocument, variables, options)) yield data.loopEvents;
  }

  /** Each change of the published retraining decision of a model (or of every model), with the action before it. */
  async *retrainingDecisionChanged(variables: RetrainingDecisionChangedSubscriptionVariables = {}, options?: SubscriptionOptions): AsyncGenerator<RetrainingDecisionChange, void, undefined> {
    for await (const data of this.subscribe(RetrainingDecisionChangedDocument, variables, options)) yield data.retrainingDecisionChanged;
  }

  /** The model's retraining decision now, then each time its action changes (the `retrainingDecisionChanged` subscription), through dropped streams as `alertChanges`. */
  decisionChanges(variables: RetrainingDecisionQueryVariables, options?: DecisionChangesOptions): AsyncGenerator<RetrainingDecision, void, undefined> {
    return decisionChanges((o) => this.retrainingDecisionChanged({ model: variables.model }, o), () => this.retrainingDecision(variables), this.followRetry(), options);
  }
}
