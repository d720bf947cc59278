import { readFileSync } from 'node:fs';

/** SDL of the input types shared by subgraphs (time ranges, slices, granularity). */
export const sharedTypeDefs = readFileSync(new URL('./shared.graphql', import.meta.url), 'utf8');
