/**
 * The platform as the tests run it: its own nats-server, chDB in a temporary
 * directory, one platform process (all modules), and API keys of fresh
 * projects, created as the CLI does.
 */
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createApiKey, createProject } from '@tideline/gateway';
import { startNatsServer, startPlatformProcess, tempDir, type NatsServerHandle, type PlatformProcess } from '@tideline/testing';

export interface TestPlatform {
  platform: PlatformProcess;
  nats: NatsServerHandle;
  /** A new project and an API key of it. */
  newKey(projectName: string): Promise<string>;
  /** Stops the platform (if still running) and nats-server, and removes the data. */
  stop(): Promise<void>;
}

export async function startTestPlatform(name: string, env: Record<string, string> = {}): Promise<TestPlatform> {
  const nats = await startNatsServer();
  const dir = tempDir(`tideline-${name}-`);
  const platform = await startPlatformProcess({
    NATS_URL: nats.url,
    CLICKHOUSE_URL: `chdb://${join(dir.path, 'clickhouse')}`,
    TIDELINE_HOME: dir.path,
    TIDELINE_INTERNAL_SECRET: `${name}-secret-`.padEnd(64, 'x'),
    STORE_BATCH_MAX_WAIT_MS: '50',
    ...env,
  });
  const nc = await connect({ servers: nats.url });
  const kvm = new Kvm(nc);
  return {
    platform,
    nats,
    newKey: async (projectName) => (await createApiKey(kvm, (await createProject(kvm, projectName)).id, name)).key,
    async stop() {
      await nc.close();
      await platform.stop();
      await nats.stop();
      dir.remove();
    },
  };
}
