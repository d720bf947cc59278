import type { Kvm } from '@nats-io/kv';
import { PublicError, badInput, type SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { Authenticator } from './auth.ts';
import { createApiKey, createProject, listApiKeys, listProjectsVisibleTo, ProjectError, revokeApiKey } from './projects.ts';

const requireAdmin = ({ admin }: SubgraphContext) => {
  if (!admin) throw new PublicError('FORBIDDEN', 'managing API keys needs an admin key of the project');
};

/** ProjectError → the client's error: a bad name names its argument; other codes pass through. */
const asPublic = (err: unknown): never => {
  if (!(err instanceof ProjectError)) throw err;
  if (err.code === 'INVALID_NAME') throw badInput(err.message, 'name', { cause: err });
  throw new PublicError(err.code, err.message, err.code === 'KEY_NOT_FOUND' ? { field: 'id' } : {}, { cause: err });
};

/**
 * API keys and projects as GraphQL: `apiKeys`, `createApiKey`, `revokeApiKey`,
 * `projects`, `createProject`, for admin keys of the caller's project: the gateway's own subgraph (it owns the
 * keys' KV bucket and the authentication cache a revocation must clear),
 * composed into the supergraph like any other.
 */
export function keysResolvers(kvm: Kvm, authenticator: Pick<Authenticator, 'forget'>): Resolvers<SubgraphContext> {
  return {
    Query: {
      apiKeys: (_, __, ctx) => {
        requireAdmin(ctx);
        return listApiKeys(kvm, ctx.project);
      },
      projects: (_, __, ctx) => {
        requireAdmin(ctx);
        return listProjectsVisibleTo(kvm, ctx.project);
      },
    },
    Mutation: {
      createApiKey: async (_, { name, admin }, ctx) => {
        requireAdmin(ctx);
        const created = await createApiKey(kvm, ctx.project, name, { admin: admin ?? false }).catch(asPublic);
        return { key: created.key, apiKey: { id: created.id, ...created.record } };
      },
      revokeApiKey: async (_, { id }, ctx) => {
        requireAdmin(ctx);
        const revoked = await revokeApiKey(kvm, ctx.project, id).catch(asPublic);
        authenticator.forget(id);
        return revoked;
      },
      createProject: async (_, { name }, ctx) => {
        requireAdmin(ctx);
        const project = await createProject(kvm, name, { createdBy: ctx.project }).catch(asPublic);
        // The new project's first key is admin, or nobody could manage it over the API.
        const { key } = await createApiKey(kvm, project.id, 'owner', { admin: true });
        return { project, key };
      },
    },
  };
}
