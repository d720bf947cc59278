import { internalPath } from '@tideline/contracts';
import { servicesOf, type AnyModule } from '@tideline/runtime';

export interface ManifestOptions {
  image: string;
  replicas: number;
  natsUrl: string;
  natsReplicas: number;
}

export const DEFAULT_MANIFEST_OPTIONS: ManifestOptions = {
  image: 'tideline:latest',
  replicas: 2,
  natsUrl: 'nats://nats-0.nats:4222,nats://nats-1.nats:4222,nats://nats-2.nats:4222',
  natsReplicas: 3,
};

const env = (name: string, value: string) => `            - { name: ${name}, value: ${JSON.stringify(value)} }`;
const secret = (name: string, key: string) => `            - { name: ${name}, valueFrom: { secretKeyRef: { name: tideline, key: ${key} } } }`;

/**
 * Kubernetes manifests for a scaled-out Tideline, derived from the catalog:
 * one Deployment and Service per target, all running the one image with
 * `TIDELINE_TARGET` set, ClickHouse's URL only where a service uses it, and
 * every subgraph's address in TIDELINE_SUBGRAPH_URLS (the gateway composes
 * them; services that ask another find it there). Secrets come from the
 * `tideline` Secret (keys `internal-secret`, `clickhouse-url`).
 */
export function renderManifests(catalog: readonly AnyModule[], options: ManifestOptions = DEFAULT_MANIFEST_OPTIONS): string {
  const services = servicesOf(catalog);
  const subgraphUrls = services
    .filter((m) => m.service!.subgraph)
    .map((m) => `${m.name}=http://tideline-${m.name}:4000${internalPath(m.name)}/graphql`)
    .join(',');
  const documents = services.flatMap((m) => {
    const lines = [
      env('TIDELINE_TARGET', m.name),
      env('HOST', '0.0.0.0'),
      env('PORT', '4000'),
      env('NODE_ENV', 'production'),
      secret('TIDELINE_INTERNAL_SECRET', 'internal-secret'),
      env('TIDELINE_SUBGRAPH_URLS', subgraphUrls),
      ...(m.service!.needs.includes('nats') ? [env('NATS_URL', options.natsUrl), env('TIDELINE_NATS_REPLICAS', String(options.natsReplicas))] : []),
      ...(m.service!.needs.includes('clickhouse') ? [secret('CLICKHOUSE_URL', 'clickhouse-url')] : []),
    ];
    return [
      `# ${m.name}: ${m.service!.doc}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: tideline-${m.name}
  labels: { app.kubernetes.io/part-of: tideline, app.kubernetes.io/component: ${m.name} }
spec:
  replicas: ${options.replicas}
  selector:
    matchLabels: { app: tideline-${m.name} }
  template:
    metadata:
      labels: { app: tideline-${m.name} }
    spec:
      containers:
        - name: ${m.name}
          image: ${options.image}
          command: ["npx", "tsx", "apps/platform/src/main.ts"]
          env:
${lines.join('\n')}
          ports: [{ containerPort: 4000 }]
          readinessProbe: { httpGet: { path: /readyz, port: 4000 } }
          livenessProbe: { httpGet: { path: /healthz, port: 4000 } }`,
      `apiVersion: v1
kind: Service
metadata:
  name: tideline-${m.name}
spec:
  selector: { app: tideline-${m.name} }
  ports: [{ port: 4000, targetPort: 4000 }]`,
    ];
  });
  return `# Generated from the catalog by \`npm run -s k8s\` (tools/k8s/render.ts): do not edit; render again.\n${documents.join('\n---\n')}\n`;
}
