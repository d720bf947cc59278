import { z } from 'zod';
import type { StreamDeclaration } from './subjects.ts';

/**
 * Curation: the NATS subjects, streams and event payloads of the curation
 * service (labeling requests and dataset snapshots), declared once for it and
 * its consumers (the trainer subscribes to `tideline.dataset.created.>`).
 */
export const CURATION_SUBJECTS = {
  /** A dataset snapshot was created and registered: `tideline.dataset.created.<project>`. */
  datasetCreated: (project: string) => `tideline.dataset.created.${project}`,
} as const;

export const CURATION_STREAMS = {
  /** Dataset events for services: kept 30 days, so a trainer that was down catches up; the dataset id dedupes republishing. */
  events: { name: 'TIDELINE_DATASET_EVENTS', subjects: ['tideline.dataset.>'], duplicateWindowMs: 10 * 60_000, retention: 'limits', maxAgeMs: 30 * 86_400_000 },
} as const satisfies Record<string, StreamDeclaration>;

/** Published on `CURATION_SUBJECTS.datasetCreated(project)` once a snapshot is frozen and registered. */
export const datasetCreatedEvent = z.object({
  /** `<dataset id>.CREATED`. */
  id: z.string(),
  project: z.string(),
  model: z.object({ name: z.string() }),
  datasetId: z.string(),
  /** `sha256:<hex>` over the rows in canonical order (libs/services/curation/README.md). */
  contentHash: z.string(),
  rowCount: z.number().int(),
  splits: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
  timestamp: z.string(),
});
export type DatasetCreatedEvent = z.infer<typeof datasetCreatedEvent>;
