import { loopModule } from '@tideline/loop';
import { trainerModule } from '@tideline/trainer';
import { curationModule } from '@tideline/curation';
import { checkEmbeddedClickHouse, clickhouseModule } from '@tideline/clickhouse';
import { alertsModule } from '@tideline/alerts';
import { evalstoreModule } from '@tideline/evalstore';
import { gatewayModule } from '@tideline/gateway';
import { ingestModule } from '@tideline/ingest';
import { metricsModule } from '@tideline/metrics';
import { registryModule } from '@tideline/registry';
import { defineGroup, dependentsOf, runProcess, targetsOf, type AnyModule } from '@tideline/runtime';

/**
 * Every deployable service, in start order among equals. A process runs any
 * set of targets (`TIDELINE_TARGET=all`, or `ingest,evalstore`, …);
 * dependencies such as the HTTP server, NATS and ClickHouse start with them.
 * The gateway's subgraphs and routes, the README's list of targets and the
 * Kubernetes manifests are all derived from this list.
 */
export const services: readonly AnyModule[] = [ingestModule, evalstoreModule, metricsModule, alertsModule, registryModule, curationModule, trainerModule, loopModule, gatewayModule];
export const allModule = defineGroup('all', services);
export const catalog: readonly AnyModule[] = [allModule];

const clickhouseUsers = dependentsOf(catalog, clickhouseModule);

/** Cross-module checks made before anything starts. */
export function validateTargets(started: readonly AnyModule[], env: NodeJS.ProcessEnv): string[] {
  return checkEmbeddedClickHouse(started, clickhouseUsers, env);
}

/** Runs the targets named by `TIDELINE_TARGET` (comma-separated, default `all`). */
export function runTargets(): Promise<void> {
  return runProcess({ catalog, targets: targetsOf(process.env), validate: validateTargets });
}
