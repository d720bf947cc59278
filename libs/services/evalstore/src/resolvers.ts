import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { badInput, oncePer, selectedFieldNames, type SubgraphContext } from '@tideline/graphql';
import { checkWindow, fieldNames, taskOf, type FieldNames, type ModelListing, type SliceFilter } from '@tideline/store';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { deadLetters } from './dead-letters.ts';
import { COUNT_FIELDS, FinalizedCounts, ModelListings, ModelsRequest, type ModelRef } from './model-stats.ts';
import { predictionPage, type PredictionRowOut } from './queries.ts';
import { featuresOf } from './rows.ts';
import type { IngestDeadLetterKind, Prediction, Resolvers } from './__generated__/resolvers-types.ts';

/** A field of a model's listing: at hand for the items of a list, read once per request for a reference. */
function listingField<K extends 'task' | 'firstPredictionAt' | 'lastPredictionAt'>(m: ModelRef, field: K): ModelListing[K] | null | Promise<ModelListing[K] | null> {
  if (m.listed) return m.listed[field];
  return m.request.find(m.name).then((found) => found?.[field] ?? null);
}

/** The order of `models` (one collator: `localeCompare` builds one per call). */
const byName = new Intl.Collator();

/** Largest page of `predictions`; bigger exports belong to dataset snapshots. */
export const MAX_PAGE = 1000;

function toPrediction(model: string, task: Task | undefined, r: PredictionRowOut): Prediction {
  const hasLabel = r.label_positive !== null || r.label_class !== null || r.label_value !== null;
  return {
    id: r.id,
    model,
    modelVersion: r.model_version,
    timestamp: new Date(Number(r.ts_ms)),
    features: featuresOf(r),
    tags: r.tags,
    output: {
      score: r.score,
      // Probabilities only mean something for multiclass; an empty map is "none".
      probabilities: task === 'MULTICLASS' || Object.keys(r.probabilities).length ? r.probabilities : null,
      predictedClass: r.predicted_class,
      value: r.value,
    },
    label: hasLabel ? { positive: r.label_positive, class: r.label_class, value: r.label_value } : null,
    labeledAt: r.labeled_at_ms === null ? null : new Date(Number(r.labeled_at_ms)),
  };
}

/**
 * Resolvers of the evalstore subgraph. Every query is scoped to
 * `context.project`, the project the gateway signed, passed as a bound
 * parameter; slices become SQL only through `sliceFilterToSql`.
 */
export function createResolvers(client: ClickHouseClient, listings = new ModelListings(client)): Resolvers<SubgraphContext> {
  // A model's task never changes once stored, so it is cached once known.
  const tasks = new Map<string, Task>();
  const task = async (project: string, model: string): Promise<Task | undefined> => {
    const key = `${project}\u0000${model}`;
    const known = tasks.get(key);
    if (known) return known;
    const found = await taskOf(client, project, model);
    if (found) tasks.set(key, found);
    return found;
  };

  const finalized = new FinalizedCounts(client);
  // A Model is resolved lazily: its fields read the summary only when asked for (model-stats.ts).
  const modelRef = (project: string, name: string): ModelRef => ({ name, request: new ModelsRequest(listings, finalized, project, name) });
  // A reference's tagNames and featureNames come from one read of the catalog (a list's items get theirs from one read for all).
  const namesRead = oncePer((m: ModelRef) => fieldNames(client, m.request.project, [m.name]).then((found) => found.get(m.name)!));
  const namesOf = (m: ModelRef): FieldNames | Promise<FieldNames> => m.names ?? namesRead(m);

  return {
    Query: {
      model: async (_, { name }, { project }) => {
        const ref = modelRef(project, name);
        return (await ref.request.find(name)) ? ref : null;
      },
      models: async (_, __, { project }, info) => {
        const request = new ModelsRequest(listings, finalized, project);
        const listed = [...(await request.listing())].sort((a, b) => byName.compare(a.name, b.name));
        const selected = selectedFieldNames(info);
        const kinds = [...selected].flatMap((field) => COUNT_FIELDS[field] ?? []);
        const counts = kinds.length ? await finalized.counts(project, kinds, listed) : new Map();
        const names = selected.has('tagNames') || selected.has('featureNames') ? await fieldNames(client, project, listed.map((m) => m.name)) : undefined;
        return listed.map((m): ModelRef => ({
          name: m.name,
          request,
          listed: m,
          counts: Object.fromEntries(kinds.map((kind) => [kind, counts.get(kind)?.get(m.name) ?? 0])),
          names: names?.get(m.name),
        }));
      },

      predictions: async (_, args, { project }) => {
        const first = args.first ?? 100;
        if (first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}; page with 'after' for more`, 'first');
        const window = args.window ? checkWindow(args.window) : undefined;
        const after = args.after ? decodeCursor(args.after) : undefined;
        const modelTask = await task(project, args.model);
        const found = await predictionPage(client, {
          project,
          model: args.model,
          window,
          task: modelTask,
          slice: args.slice as SliceFilter | null | undefined,
          after,
          limit: first + 1,
        });
        const nodes = found.slice(0, first).map((r) => toPrediction(args.model, modelTask, r));
        const edges = nodes.map((node) => ({ cursor: encodeCursor({ tsMs: (node.timestamp as Date).getTime(), id: node.id, modelVersion: node.modelVersion }), node }));
        return { edges, nodes, pageInfo: { hasNextPage: found.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
      },

      ingestErrors: async (_, args, { project }) => {
        const first = args.first ?? 100;
        if (first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`, 'first');
        const found = await deadLetters(client, project, args.model, first);
        return found.map((d) => ({
          model: d.model,
          kind: d.kind.toUpperCase() as IngestDeadLetterKind,
          recordId: d.record_id || null,
          code: d.code,
          reason: d.reason,
          record: d.record,
          failedAt: new Date(Number(d.failed_at_ms)),
        }));
      },
    },

    Model: {
      // Other subgraphs (the registry) own models too: a model this store has
      // no record of still resolves, with zero counts. A reference reads
      // nothing until one of its fields is asked for.
      __resolveReference: (ref, { project }) => modelRef(project, ref.name),
      task: (m) => listingField(m, 'task'),
      firstPredictionAt: (m) => listingField(m, 'firstPredictionAt'),
      lastPredictionAt: (m) => listingField(m, 'lastPredictionAt'),
      predictionCount: (m) => m.counts?.predictions ?? m.request.count('predictions', m.name),
      labeledCount: (m) => m.counts?.labeled ?? m.request.count('labeled', m.name),
      feedbackCount: (m) => m.counts?.feedback ?? m.request.count('feedback', m.name),
      tagNames: async (m) => (await namesOf(m)).tagNames,
      featureNames: async (m) => (await namesOf(m)).featureNames,
    },

    StoreProgress: {
      // The gateway serves the storeProgress subscription from NATS and sends
      // the event payload back as the representation to fetch what it lacks
      // (the model's fields); counts and time come from the payload itself.
      __resolveReference: async (ref, { project }) => {
        const payload = ref as typeof ref & { predictions?: number; feedback?: number; at?: string };
        return { id: ref.id, model: modelRef(project, ref.model.name), predictions: payload.predictions ?? 0, feedback: payload.feedback ?? 0, at: payload.at ?? new Date() };
      },
    },
  };
}
