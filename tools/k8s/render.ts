/**
 * `npm run -s k8s [-- --image tideline:1.2 --replicas 3]`: prints the
 * Kubernetes manifests of every target, derived from the catalog, so that a
 * new service is deployed as soon as it is in the catalog. Pipe to a file or
 * to `kubectl apply -f -`.
 */
import { parseArgs } from 'node:util';
import { catalog } from '@tideline/catalog';
import { DEFAULT_MANIFEST_OPTIONS, renderManifests } from './manifests.ts';

const { values } = parseArgs({
  options: {
    image: { type: 'string', default: DEFAULT_MANIFEST_OPTIONS.image },
    replicas: { type: 'string', default: String(DEFAULT_MANIFEST_OPTIONS.replicas) },
    'nats-url': { type: 'string', default: DEFAULT_MANIFEST_OPTIONS.natsUrl },
    'nats-replicas': { type: 'string', default: String(DEFAULT_MANIFEST_OPTIONS.natsReplicas) },
  },
});
const count = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got '${raw}')`);
  return n;
};
process.stdout.write(
  renderManifests(catalog, {
    image: values.image,
    replicas: count('replicas', values.replicas),
    natsUrl: values['nats-url'],
    natsReplicas: count('nats-replicas', values['nats-replicas']),
  }),
);
