/**
 * The registry as its tests see it: a real nats-server, the registry module
 * alone (it needs no ClickHouse), its subgraph and artifact API called over
 * HTTP with the gateway's signature.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { defineGroup, httpServerModule, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { signedFetch, signedGraphql, startNatsServer, type NatsServerHandle, type SignedGraphql } from '@tideline/testing';
import { registryModule } from '../src/index.ts';

/** The secret the harness's registry shares with the gateway it stands in for. */
export const SECRET = 'r'.repeat(32);

export interface Harness {
  url: string;
  nats: NatsConnection;
  /** The registry subgraph, signed for a project or a whole principal (an API key's name, admin). */
  gql: SignedGraphql;
  /** POST /v1/artifacts as the gateway forwards it. */
  upload(project: string, data: Uint8Array): Promise<{ status: number; body: { digest?: string; size?: number; error?: { code: string; message: string } } }>;
  download(project: string, digest: string): Promise<{ status: number; bytes: Buffer }>;
  /** A Prometheus counter of this process (the registry's CAS conflicts, …). */
  counter(name: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const server: NatsServerHandle = await startNatsServer();
  const proc: RunningProcess = await startModules({
    catalog: [defineGroup('registry-alone', [registryModule])],
    targets: ['registry-alone'],
    env: { PORT: '0', NATS_URL: server.url, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: 'warn', ...env },
  });
  const url = proc.get<HttpServer>(httpServerModule.name).url;
  const nats = await connect({ servers: server.url });
  const base = `${url}/internal/registry`;

  return {
    url,
    nats,
    gql: signedGraphql(`${base}/graphql`, SECRET),
    async upload(project, data) {
      const res = await signedFetch(SECRET, project, `${base}/v1/artifacts`, { body: data });
      return { status: res.status, body: (await res.json()) as never };
    },
    async download(project, digest) {
      const res = await signedFetch(SECRET, project, `${base}/v1/artifacts/${digest}`);
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    },
    async counter(name) {
      const text = await (await fetch(`${url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line ? Number(line.split(' ')[1]) : 0;
    },
    async stop() {
      await nats.close();
      await proc.stop();
      await server.stop();
    },
  };
}

/** registerModel with a gate; protected slices every country unless told. */
export const REGISTER_MODEL = /* GraphQL */ `
  mutation($input: RegisterModelInput!) { registerModel(input: $input) { name registration { primaryMetric protectedSlices gate { minImprovement maxSliceRegression minSamples } } } }
`;

export const REGISTER_VERSION = /* GraphQL */ `
  mutation($input: RegisterModelVersionInput!) {
    registerModelVersion(input: $input) { model version stage artifact { digest format size files { path digest size downloadPath } } }
  }
`;

export const PROMOTE = /* GraphQL */ `
  mutation($model: String!, $version: String!, $stage: Stage!, $reason: String!, $override: Boolean, $evidence: PromotionEvidenceInput) {
    promote(model: $model, version: $version, stage: $stage, reason: $reason, override: $override, evidence: $evidence) {
      sequence version from to override rollback reason displaced { version from to }
      gate { passed failures primary { outcome improvement } slices { slice outcome improvement } }
    }
  }
`;

/** An artifact of one small inline file: enough for tests about stages. */
export const inlineArtifact = (content: string) => ({ files: [{ path: 'weights.bin', contentBase64: Buffer.from(content).toString('base64') }] });
