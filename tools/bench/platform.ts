/**
 * A benchmark's platform: one platform process on its own nats-server and
 * chDB in a temporary home (startPlatformStack), and a project with its API
 * key. `gql` runs an operation through the gateway with the key and throws on
 * errors; `nc` is a NATS connection to the platform's server.
 */
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createApiKey, createProject } from '@tideline/gateway';
import { dataOf, keyGraphql, startPlatformStack } from '@tideline/testing';

export async function startBenchPlatform(name: string, env: Record<string, string> = {}) {
  const stack = await startPlatformStack(name, env);
  const nc = await connect({ servers: stack.nats.url });
  const stop = async () => {
    await nc.close();
    await stack.stop();
  };
  try {
    const kvm = new Kvm(nc);
    const project = await createProject(kvm, name);
    const { key } = await createApiKey(kvm, project.id, name);
    const api = keyGraphql(`${stack.platform.url}/graphql`, key);
    return {
      ...stack,
      nc,
      /** The project's id and its API key. */
      project: project.id,
      key,
      /** The headers of a request with the key. */
      auth: { authorization: `Bearer ${key}` },
      gql: async <T>(query: string, variables: Record<string, unknown> = {}) => dataOf(await api<T>(query, variables)),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
