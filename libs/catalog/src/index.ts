import { checkEmbeddedClickHouse, clickhouseModule } from '@tideline/clickhouse';
import { evalstoreModule } from '@tideline/evalstore';
import { gatewayModule } from '@tideline/gateway';
import { ingestModule } from '@tideline/ingest';
import { metricsModule } from '@tideline/metrics';
import { registryModule } from '@tideline/registry';
import { alertsModule } from '@tideline/alerts';
import { defineGroup, dependentsOf, runProcess, type AnyModule } from '@tideline/runtime';

/**
 * Every deployable module and the groups of them. A process runs any set of
 * targets (`TIDELINE_TARGET=all`, or `ingest,evalstore`, …); dependencies
 * such as the HTTP server, NATS and ClickHouse start with them.
 */
export const allModule = defineGroup('all', [ingestModule, evalstoreModule, metricsModule, alertsModule, registryModule, gatewayModule]);
export const catalog: readonly AnyModule[] = [allModule];

const clickhouseUsers = dependentsOf(catalog, clickhouseModule);

/** Cross-module checks made before anything starts. */
export function validateTargets(started: readonly AnyModule[], env: NodeJS.ProcessEnv): string[] {
  return checkEmbeddedClickHouse(started, clickhouseUsers, env);
}

/** Runs the given targets, or `TIDELINE_TARGET` (comma-separated, default `fallback`). */
export function runTargets(fallback: string): Promise<void> {
  const targets = (process.env.TIDELINE_TARGET || fallback).split(',').map((t) => t.trim()).filter(Boolean);
  return runProcess({ catalog, targets, validate: validateTargets });
}
