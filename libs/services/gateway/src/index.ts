export { gatewayModule, type Gateway } from './gateway-module.ts';
export { gatewayConfig } from './config.ts';
export {
  createProject,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  findProjectByApiKey,
  getProject,
  listProjects,
  hashApiKey,
  ProjectError,
  type ApiKey,
  type CreatedApiKey,
} from './projects.ts';
export { ensureDevProject, DEV_PROJECT_NAME, type DevProject } from './dev-project.ts';
export { createAuthenticator, bearerToken, type Authenticate, type AuthenticatedKey, type Authenticator } from './auth.ts';
export { compose, composeWhenReachable, CompositionError, SubgraphUnreachableError } from './composition.ts';
export { EXAMPLE_TABS, type ExampleTab } from './graphiql-examples.ts';
