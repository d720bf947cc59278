import { randomUUID } from 'node:crypto';

/** Evaluations are referenced from gate evidence by this id. */
export const evaluationId = () => `ev_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
