import { z } from 'zod';

export const projectRecord = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** The project whose admin key created this one over GraphQL (createProject); it lists it. Absent for projects made by bootstrap. */
  createdBy: z.string().optional(),
});
export type ProjectRecord = z.infer<typeof projectRecord>;

export const apiKeyRecord = z.object({
  project: z.string(),
  name: z.string(),
  /** May manage the project's keys. Keys made before roles existed have none: they are not admin. */
  admin: z.boolean().default(false),
  createdAt: z.string(),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecord>;

export const modelRecord = z.object({
  task: z.enum(['BINARY', 'MULTICLASS', 'REGRESSION']),
  createdAt: z.string(),
});
export type ModelRecord = z.infer<typeof modelRecord>;

/** Records of one model that became queryable in the store. */
export const storeProgressEvent = z.object({
  id: z.string(),
  project: z.string(),
  model: z.object({ name: z.string() }),
  predictions: z.number().int(),
  feedback: z.number().int(),
  at: z.string(),
});
export type StoreProgressEvent = z.infer<typeof storeProgressEvent>;
