/**
 * The platform as the tests run it: its own nats-server, chDB in a temporary
 * directory, one platform process (all modules), and API keys of fresh
 * projects, created as the CLI does.
 */
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createApiKey, createProject } from '@tideline/gateway';
import { startPlatformStack, type NatsServerHandle, type PlatformProcess } from '@tideline/testing';

export interface TestPlatform {
  platform: PlatformProcess;
  nats: NatsServerHandle;
  /** A new project and an API key of it. */
  newProject(projectName: string): Promise<{ id: string; key: string }>;
  /** The API key of a new project. */
  newKey(projectName: string): Promise<string>;
  /** Stops the platform (if still running) and nats-server, and removes the data. */
  stop(): Promise<void>;
}

export async function startTestPlatform(name: string, env: Record<string, string> = {}): Promise<TestPlatform> {
  const stack = await startPlatformStack(name, { STORE_BATCH_MAX_WAIT_MS: '50', ...env });
  const nc = await connect({ servers: stack.nats.url });
  const kvm = new Kvm(nc);
  const newProject = async (projectName: string) => {
    const { id } = await createProject(kvm, projectName);
    return { id, key: (await createApiKey(kvm, id, name)).key };
  };
  return {
    platform: stack.platform,
    nats: stack.nats,
    newProject,
    newKey: async (projectName) => (await newProject(projectName)).key,
    async stop() {
      await nc.close();
      await stack.stop();
    },
  };
}
