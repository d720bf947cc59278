import { PublicError, type SubgraphContext } from '@tideline/graphql';
import { ingestBatch, type IngestDeps, type RecordKind } from './ingest-batch.ts';
import type { MutationResolvers } from './__generated__/resolvers-types.ts';

export interface ResolverOptions {
  maxRecords: number;
  accepting(): boolean;
}

export function ingestResolvers(deps: IngestDeps, options: ResolverOptions): { Mutation: MutationResolvers<SubgraphContext> } {
  const log = async (project: string, kind: RecordKind, records: readonly unknown[]) => {
    if (!options.accepting()) throw new PublicError('INGEST_UNAVAILABLE', 'ingest is shutting down; retry', { retryAfterSeconds: 1 });
    if (records.length > options.maxRecords) {
      throw new PublicError('BAD_USER_INPUT', `a batch may carry at most ${options.maxRecords} records; split it`, { field: 'records' });
    }
    const { unavailable, ...result } = await ingestBatch(deps, project, kind, records.map((value) => ({ value })));
    if (unavailable) {
      throw new PublicError(unavailable.code, unavailable.message, { retryAfterSeconds: unavailable.retryAfterSeconds, accepted: result.accepted, errors: result.errors });
    }
    return result;
  };
  return {
    Mutation: {
      logPredictions: (_parent, { records }, ctx) => log(ctx.project, 'prediction', records),
      logFeedback: (_parent, { records }, ctx) => log(ctx.project, 'feedback', records),
    },
  };
}
