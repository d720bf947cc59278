export { createSubgraph, type Subgraph, type SubgraphContext, type SubgraphOptions } from './subgraph.ts';
export { PublicError, badInput, maskErrors, maskGatewayError } from './errors.ts';
export { scalarResolvers, scalarTypeDefs } from './scalars.ts';
export {
  signRequest,
  principalHeaders,
  requestSignature,
  claimedPrincipal,
  verifyRequest,
  sha256Hex,
  EMPTY_BODY_SHA256,
  SignatureError,
  internalSecretSetting,
  PROJECT_HEADER,
  ACTOR_HEADER,
  ROLE_HEADER,
  TIMESTAMP_HEADER,
  SIGNATURE_HEADER,
  type Principal,
  type VerifiedPrincipal,
  type ReceivedRequest,
} from './signing.ts';
export { postSignedFile, fileSha256 } from './post-signed-file.ts';
export { readSchemaFiles } from './schema-files.ts';
export { selectedFieldNames } from './selected-fields.ts';
export { oncePer } from './once-per.ts';
export { createSubgraphClient, SubgraphRequestError, type SubgraphClient, type SubgraphRequestOptions } from './subgraph-client.ts';
export { subgraphUrl, subgraphUrlsSetting, type SubgraphUrls } from './subgraph-urls.ts';
export { serveSubgraph, subgraphClient, subgraphsModule, type Subgraphs, type ServeSubgraphOptions } from './serve-subgraph.ts';
