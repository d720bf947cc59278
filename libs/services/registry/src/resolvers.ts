import type { SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { RegistryDeps } from './deps.ts';
import { operationResolvers } from './operation-resolvers.ts';
import { typeResolvers } from './type-resolvers.ts';

/** Resolvers of the registry subgraph: operations in one file, object types in another. */
export function createResolvers(deps: RegistryDeps): Resolvers<SubgraphContext> {
  return { ...operationResolvers(deps), ...typeResolvers(deps) };
}
