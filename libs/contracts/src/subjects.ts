/**
 * Every NATS subject, stream, consumer and KV bucket Tideline uses, declared
 * once. Services create what they need from these declarations at start.
 */
export const SUBJECTS = {
  /** Validated predictions of one project: `tideline.ingest.predictions.<project>`. */
  predictions: (project: string) => `tideline.ingest.predictions.${project}`,
  /** Validated ground truth of one project. */
  feedback: (project: string) => `tideline.ingest.feedback.${project}`,
  /** Published by the store after each insert: records now queryable, per model. */
  stored: (project: string) => `tideline.events.stored.${project}`,
} as const;

export interface StreamDeclaration {
  name: string;
  subjects: string[];
  /** Window in which a repeated `Nats-Msg-Id` is dropped by the server. */
  duplicateWindowMs: number;
  /**
   * `interest` (default): a message leaves once every consumer acked it;
   * `limits`: kept until `maxAgeMs` for any consumer to replay;
   * `workqueue`: each message is taken by one consumer, once.
   */
  retention?: 'interest' | 'limits' | 'workqueue';
  maxAgeMs?: number;
}

export const STREAMS = {
  ingest: {
    name: 'TIDELINE_INGEST',
    subjects: ['tideline.ingest.>'],
    duplicateWindowMs: 10 * 60_000,
  },
} as const satisfies Record<string, StreamDeclaration>;

export interface ConsumerDeclaration {
  stream: string;
  durable: string;
  filterSubject: string;
  ackWaitMs: number;
  maxAckPending: number;
}

export const CONSUMERS = {
  storeWriter: {
    stream: STREAMS.ingest.name,
    durable: 'evalstore-writer',
    filterSubject: 'tideline.ingest.>',
    ackWaitMs: 60_000,
    maxAckPending: 200_000,
  },
} as const satisfies Record<string, ConsumerDeclaration>;

export const KV_BUCKETS = {
  /** project id → ProjectRecord */
  projects: 'tideline-projects',
  /** sha256(api key) → ApiKeyRecord */
  apiKeys: 'tideline-api-keys',
  /** `<project>.<model>` → ModelRecord (the task, fixed by the first record) */
  models: 'tideline-models',
} as const;

/**
 * Topics of the gateway's event-driven subscriptions. The gateway's NATS
 * pubsub maps a topic to the subject `tideline:<topic>`; publishers use
 * `gatewaySubject` so both sides agree.
 */
export const GATEWAY_TOPIC_PREFIX = 'tideline';
export const GATEWAY_TOPICS = {
  storeProgress: (project: string) => `store.progress.${project}`,
  alertEvents: (project: string) => `alert.events.${project}`,
  monitorEvaluations: (project: string) => `monitor.evaluations.${project}`,
  trainingEvents: (project: string) => `training.events.${project}`,
  loopEvents: (project: string) => `loop.events.${project}`,
  retrainingDecisions: (project: string) => `retraining.decisions.${project}`,
} as const;
export const gatewaySubject = (topic: string) => `${GATEWAY_TOPIC_PREFIX}:${topic}`;

/**
 * Where a process serves a service: its subgraph at `/internal/<name>/graphql`
 * and any HTTP API of its own below `/internal/<name>/`.
 */
export const internalPath = (service: string) => `/internal/${service}`;
