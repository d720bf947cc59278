export { startNatsServer, startNatsCluster, natsServerBinary, freePort, type NatsServerHandle, type NatsClusterHandle } from './nats-server.ts';
export { startPlatformProcess, type PlatformProcess } from './platform-process.ts';
export { tempDir, eventually, type TempDir } from './temp.ts';
export { loadOracle, oracleRecords, oraclePath, postAll, type Oracle } from './oracle.ts';
export { chromiumPath } from './browser.ts';
export { captureLogs, type CapturedLogs } from './logs.ts';
export { startDevPlatform, type DevPlatform, type GraphqlAnswer } from './dev-platform.ts';
