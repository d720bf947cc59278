export { startNatsServer, natsServerBinary, freePort, type NatsServerHandle } from './nats-server.ts';
export { tempDir, eventually, type TempDir } from './temp.ts';
