import { describe, expect, it } from 'vitest';
import { catalog, services } from '@tideline/catalog';
import { renderManifests } from './manifests.ts';

describe('Kubernetes manifests rendered from the catalog', () => {
  const yaml = renderManifests(catalog);
  const documents = yaml.split('\n---\n');

  it('has a Deployment and a Service per target, each running its target', () => {
    expect(documents).toHaveLength(2 * services.length);
    for (const service of services) {
      expect(yaml).toContain(`name: tideline-${service.name}\n`);
      expect(yaml).toContain(`- { name: TIDELINE_TARGET, value: "${service.name}" }`);
    }
  });

  it('gives ClickHouse only to the services that use it, and lists every subgraph for the gateway', () => {
    const deployment = (name: string) => documents.find((d) => d.includes('kind: Deployment') && d.includes(`name: tideline-${name}\n`))!;
    expect(deployment('metrics')).toContain('CLICKHOUSE_URL');
    expect(deployment('registry')).not.toContain('CLICKHOUSE_URL');
    expect(deployment('gateway')).not.toContain('CLICKHOUSE_URL');
    const urls = /TIDELINE_SUBGRAPH_URLS, value: "([^"]+)"/.exec(deployment('gateway'))![1]!.split(',');
    expect(urls.map((u) => u.split('=')[0])).toEqual(services.filter((s) => s.service!.subgraph).map((s) => s.name));
    expect(urls).toContain('metrics=http://tideline-metrics:4000/internal/metrics/graphql');
  });
});
