export { startNatsServer, startNatsCluster, natsServerBinary, freePort, type NatsServerHandle, type NatsClusterHandle } from './nats-server.ts';
export { startPlatformProcess, startPlatformStack, type PlatformProcess, type PlatformStack } from './platform-process.ts';
export { tempDir, eventually, type TempDir } from './temp.ts';
export { loadOracle, oracleRecords, oraclePath, postAll, type Oracle } from './oracle.ts';
export { chromiumPath } from './browser.ts';
export { startDevPlatform, type DevPlatform } from './dev-platform.ts';
export { postGraphql, keyGraphql, dataOf, type GraphqlAnswer, type GraphqlError, type GraphqlRequest } from './graphql-client.ts';
export { signedGraphql, signedFetch, gatewayHeaders, type SignedGraphql, type SignedFor } from './signed-requests.ts';
export { predictionRecord, feedbackRecord, clientPrediction, numberedPredictions, ndjson } from './records.ts';
