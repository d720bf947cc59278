import { checkWindow } from '@tideline/store';
import type { MutationResolvers, QueryResolvers } from './__generated__/resolvers-types.ts';
import type { QueryDeps } from './inputs.ts';
import type { StoredReference } from './reference-windows.ts';

const toGraphQL = (model: string, r: StoredReference) => ({ model, from: new Date(r.fromMs), to: new Date(r.toMs), updatedAt: new Date(r.updatedMs) });

/** `referenceWindow`: the model's stored reference window, if any. */
export function referenceWindowQueries({ references }: QueryDeps): Pick<QueryResolvers, 'referenceWindow'> {
  return {
    referenceWindow: async (_, { model }, { project }) => {
      const stored = await references.get(project, model);
      return stored ? toGraphQL(model, stored) : null;
    },
  };
}

/** `setReferenceWindow`: stores the model's reference window; the model must have records. */
export function referenceWindowMutations({ references, task }: QueryDeps): Pick<MutationResolvers, 'setReferenceWindow'> {
  return {
    setReferenceWindow: async (_, { model, window }, { project }) => {
      const checked = checkWindow(window);
      await task(project, model); // MODEL_NOT_FOUND for a model without records
      return toGraphQL(model, await references.set(project, model, checked));
    },
  };
}
