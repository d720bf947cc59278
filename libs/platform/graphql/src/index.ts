export { createSubgraph, type Subgraph, type SubgraphContext, type SubgraphOptions } from './subgraph.ts';
export { PublicError, badInput, notFound, maskErrors } from './errors.ts';
export { scalarResolvers, scalarTypeDefs } from './scalars.ts';
export { signProject, verifyProject, SignatureError, internalSecretSetting, PROJECT_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER } from './signing.ts';
export { readSchemaFiles } from './schema-files.ts';
export { createSubgraphClient, SubgraphRequestError, type SubgraphClient } from './subgraph-client.ts';
export { subgraphUrl, subgraphUrlsSetting, type SubgraphUrls } from './subgraph-urls.ts';
