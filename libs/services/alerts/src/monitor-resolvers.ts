import type { AlertEvent } from '@tideline/contracts';
import { PublicError, oncePer, type SubgraphClient } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { AlertStore } from './alert-store.ts';
import { monitorWindow, runCheck } from './check-runner.ts';
import { driftCheckOf, type MonitorDefinition } from './monitor-definition.ts';
import { monitorFromInput, patchMonitor, type MonitorLimits } from './monitor-input.ts';
import { statusView } from './monitor-state.ts';
import type { MonitorStateStore, MonitorStore } from './monitor-store.ts';

export interface MonitorDeps {
  monitors: MonitorStore;
  states: MonitorStateStore;
  alerts: AlertStore;
  metrics: SubgraphClient;
  evalstore: SubgraphClient;
  limits: MonitorLimits;
}

const MAX_ALERTS = 1000;
const monitorNotFound = (id: string) => new PublicError('MONITOR_NOT_FOUND', `no monitor '${id}' in this project`, { field: 'id' });
const range = (r: { fromMs: number; toMs: number } | null) => (r ? { from: new Date(r.fromMs), to: new Date(r.toMs) } : null);

/**
 * Runs a new or changed monitor's check once over its current window before
 * storing it: an unknown field, a metric that does not fit the model's task
 * or a groupBy past maxSeries is refused now, naming the input field, rather
 * than failing at every evaluation.
 */
async function dryRun(deps: MonitorDeps, m: MonitorDefinition): Promise<void> {
  const window = await monitorWindow(deps.evalstore, m, Date.now());
  if (!window) throw new PublicError('MODEL_NOT_FOUND', `model '${m.model}' has no predictions yet, so a LATEST_PREDICTION window has no end`, { field: 'input.model' });
  await runCheck(deps.metrics, m, window); // a CheckError names the input field
}

export function monitorResolvers(deps: MonitorDeps): Resolvers {
  const { monitors, states, alerts, limits } = deps;
  // One listing of the project's monitors a request, shared by every Model it resolves (a models page asks for each
  // model's monitors in one _entities request): KV lists keys by project, not by model.
  const projectMonitors = oncePer((context: { project: string }) => monitors.list(context.project));
  return {
    Query: {
      monitors: (_, { model }, { project }) => monitors.list(project, model),
      monitor: (_, { id }, { project }) => monitors.get(project, id),
      alerts: (_, args, { project }) => {
        const first = args.first ?? 100;
        if (first < 1 || first > MAX_ALERTS) throw new PublicError('BAD_USER_INPUT', `must be 1 to ${MAX_ALERTS}`, { field: 'first' });
        if (args.from && args.to && new Date(args.from) >= new Date(args.to)) throw new PublicError('BAD_USER_INPUT', 'from must be before to', { field: 'from' });
        return alerts.list(project, { model: args.model, state: args.state, from: args.from ? new Date(args.from) : null, to: args.to ? new Date(args.to) : null, first });
      },
    },
    Mutation: {
      createMonitor: async (_, { input }, { project }) => {
        const monitor = monitorFromInput(project, input, limits);
        // Checked before the write, so two concurrent creations may pass it together: the cap bounds load, it is no quota to the unit.
        if ((await monitors.list(project)).length >= limits.maxPerProject) {
          throw new PublicError('TOO_MANY_MONITORS', `a project has at most ${limits.maxPerProject} monitors; delete one first`, { field: 'input' });
        }
        await dryRun(deps, monitor);
        await monitors.put(monitor);
        return monitor;
      },
      updateMonitor: async (_, { id, input }, { project }) => {
        const current = await monitors.get(project, id);
        if (!current) throw monitorNotFound(id);
        const monitor = patchMonitor(current, input, limits);
        await dryRun(deps, monitor);
        await monitors.put(monitor);
        return monitor;
      },
      deleteMonitor: async (_, { id }, { project }) => {
        const deleted = await monitors.delete(project, id);
        if (deleted) await states.delete(project, id);
        return deleted;
      },
    },
    Monitor: {
      __resolveReference: (ref, { project }) => monitors.get(project, ref.id),
      model: (m) => ({ name: m.model }),
      check: (m) => ({ ...m.check, drift: m.check.drift && driftCheckOf(m.check.drift), reference: range(m.check.reference) }),
      slice: (m) => m.slice,
      status: async (m) => statusView((await states.read(m.project, m.id)).state),
      alerts: (m, { state }) => alerts.list(m.project, { monitorId: m.id, state, first: MAX_ALERTS }),
    },
    Alert: {
      __resolveReference: (ref, { project }) => alerts.get(project, ref.id),
      monitor: (a) => monitors.get(a.project, a.monitor.id),
      monitorName: (a) => a.monitor.name,
    },
    AlertEvent: {
      // The gateway asks for an event's fields its NATS payload lacked; rebuild it from the stored alert.
      __resolveReference: async (ref, { project }) => {
        const at = ref.id.lastIndexOf('.');
        const type = ref.id.slice(at + 1) as AlertEvent['type'];
        const alert = await alerts.get(project, ref.id.slice(0, at));
        if (!alert) return null;
        return { id: ref.id, type, project, model: alert.model, alert, at: (type === 'RESOLVED' && alert.resolvedAt) || alert.firedAt };
      },
    },
    Model: {
      __resolveReference: (ref) => ({ name: ref.name }),
      monitors: async (model, _, context) => (await projectMonitors(context)).filter((m) => m.model === model.name),
      alerts: (model, { state }, { project }) => alerts.list(project, { model: model.name, state, first: MAX_ALERTS }),
    },
  };
}
