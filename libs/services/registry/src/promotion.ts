import type { ModelStage } from '@tideline/contracts';
import { badInput, PublicError } from '@tideline/graphql';
import { optionalText, requireModel, requireVersion, type RegistryDeps } from './deps.ts';
import { attachEvaluation } from './evaluations.ts';
import { evaluateGate } from './gate.ts';
import type { Evaluation, GateEvidence, StageChangedEvent } from './log-events.ts';
import type { HistoryEntry, ModelState, VersionState } from './model-state.ts';
import { checkDatasetId, checkModelName, checkVersionName } from './names.ts';
import { productionEvaluation, type Window } from './production-evidence.ts';
import { rollbackChanges, stageChanges } from './stages.ts';

export interface EvidenceInput {
  /** @default OFFLINE */
  source?: 'OFFLINE' | 'PRODUCTION' | null;
  window?: Window | null;
  datasetId?: string | null;
}

export interface PromoteInput {
  model: string;
  version: string;
  stage: ModelStage;
  reason: string;
  override?: boolean | null;
  evidence?: EvidenceInput | null;
  /** Who asked: the name of the API key the gateway authenticated (SubgraphContext.actor), never the client's say-so. */
  actor?: string | null;
}

type Pair = { champion: Evaluation | null; challenger: Evaluation | null };

const latest = (v: VersionState, datasetId?: string | null) =>
  v.evaluations.filter((e) => e.source === 'OFFLINE' && (datasetId === undefined || e.datasetId === datasetId)).at(-1) ?? null;

/** Offline evidence: the challenger's latest evaluation and the champion's latest on the same dataset (else its latest). */
export function offlinePair(state: ModelState, champion: string, challenger: string, datasetId: string | null): Pair {
  const ch = state.versions.get(challenger)!;
  const cp = state.versions.get(champion)!;
  if (datasetId) return { champion: latest(cp, datasetId), challenger: latest(ch, datasetId) };
  const challengerEval = latest(ch);
  return { challenger: challengerEval, champion: (challengerEval && latest(cp, challengerEval.datasetId)) ?? latest(cp) };
}

function reasonOf(reason: string): string {
  const text = reason.trim();
  if (!text) throw badInput('reason must not be empty: history keeps why every change was made', 'reason');
  if (text.length > 2000) throw badInput('reason must be at most 2000 characters', 'reason');
  return text;
}

const historyEntry = (state: ModelState, sequence: number | null): HistoryEntry => state.history.find((h) => h.sequence === sequence) ?? state.history.at(-1)!;

/** Announces a stage change the log recorded (promotion or rollback) and returns it with the new state. */
async function announced(deps: RegistryDeps, project: string, model: string, recorded: { state: ModelState; sequence: number | null }, previousChampion: string | null) {
  const change = historyEntry(recorded.state, recorded.sequence);
  await deps.events.promoted(project, model, change, previousChampion);
  return { state: recorded.state, change };
}

/**
 * Moves a version to a stage under the model's compare-and-set: the decision
 * (transition rules, the gate against the champion of that moment) is made on
 * the state read, and appended only if no change landed since; otherwise it is
 * made again on the new state. Production evidence is gathered once per
 * champion it is compared against and attached to both versions as evaluations.
 */
/** The promotion's evidence, checked: PRODUCTION needs a window, a window runs forward. */
function checkEvidence(input: EvidenceInput | null | undefined) {
  const evidence = { ...input, source: input?.source ?? 'OFFLINE' };
  if (evidence.source === 'PRODUCTION' && !evidence.window) throw badInput('PRODUCTION evidence needs a window of traffic', 'evidence.window');
  if (evidence.window && !(evidence.window.from < evidence.window.to)) throw badInput('window.from must be before window.to', 'evidence.window');
  const datasetId = evidence.datasetId == null ? null : checkDatasetId(evidence.datasetId, 'evidence.datasetId');
  return { ...evidence, datasetId };
}

/**
 * The gate of `version` against a state's champion. Production evidence is
 * gathered once per champion it is compared against and attached to both
 * versions as evaluations.
 */
function gateEvaluator(deps: RegistryDeps, project: string, model: string, version: string, evidence: ReturnType<typeof checkEvidence>, actor: string | null) {
  const production = new Map<string, Promise<Pair>>();
  const productionPair = (state: ModelState & { config: NonNullable<ModelState['config']> }, champion: string): Promise<Pair> => {
    let pair = production.get(champion);
    if (!pair) {
      const ask = async (v: string) => {
        const evaluation = await productionEvaluation(deps.metrics, project, { model, version: v, window: evidence.window!, metrics: [state.config.primaryMetric], protectedSlices: state.config.protectedSlices });
        return (await attachEvaluation(deps, project, model, v, evaluation, actor)).evaluation;
      };
      pair = Promise.all([ask(champion), ask(version)]).then(([c, ch]) => ({ champion: c, challenger: ch }));
      production.set(champion, pair);
    }
    return pair;
  };
  return {
    /** Null when no gate applies: not to CHAMPION, or no champion to beat. */
    async gateFor(state: ModelState, stage: ModelStage): Promise<GateEvidence | null> {
      const known = requireModel(state);
      if (stage !== 'CHAMPION' || !state.champion) return null;
      const pair = evidence.source === 'PRODUCTION' ? await productionPair(known, state.champion) : offlinePair(state, state.champion, version, evidence.datasetId);
      return evaluateGate({ config: known.config, source: evidence.source, champion: { version: state.champion, evaluation: pair.champion }, challenger: { version, evaluation: pair.challenger } });
    },
    // Gathered before the first decision, so recording production evaluations does not itself collide with the promotion.
    async prepare(state: ModelState, stage: ModelStage): Promise<void> {
      if (evidence.source === 'PRODUCTION' && stage === 'CHAMPION' && state.champion && state.champion !== version) await productionPair(requireModel(state), state.champion);
    },
  };
}

/**
 * The gate a promotion of `version` to CHAMPION would face now, without
 * promoting (the loop shows it to an approver first). Null when the model
 * has no champion, or the version is the champion: nothing to compare.
 */
export async function checkGate(deps: RegistryDeps, project: string, input: { model: string; version: string; evidence?: EvidenceInput | null; actor?: string | null }): Promise<GateEvidence | null> {
  const model = checkModelName(input.model);
  const version = checkVersionName(input.version);
  const gates = gateEvaluator(deps, project, model, version, checkEvidence(input.evidence), optionalText(input.actor, 'actor', 200));
  const state = await deps.log.read(project, model);
  requireModel(state);
  requireVersion(state, version);
  if (state.champion === version) return null;
  await gates.prepare(state, 'CHAMPION');
  return gates.gateFor(state, 'CHAMPION');
}

/**
 * Moves a version to a stage under the model's compare-and-set: the decision
 * (transition rules, the gate against the champion of that moment) is made on
 * the state read, and appended only if no change landed since; otherwise it is
 * made again on the new state.
 */
export async function promote(deps: RegistryDeps, project: string, input: PromoteInput): Promise<{ state: ModelState; change: HistoryEntry }> {
  const model = checkModelName(input.model);
  const version = checkVersionName(input.version);
  const reason = reasonOf(input.reason);
  const actor = optionalText(input.actor, 'actor', 200);
  const gates = gateEvaluator(deps, project, model, version, checkEvidence(input.evidence), actor);
  const before = await deps.log.read(project, model);
  requireModel(before);
  requireVersion(before, version);
  await gates.prepare(before, input.stage);

  let previousChampion: string | null = null;
  const recorded = await deps.log.transact(project, model, async (current) => {
    requireModel(current);
    const changes = stageChanges(current, version, input.stage);
    const gate = await gates.gateFor(current, input.stage);
    if (gate && !gate.passed && !input.override) {
      throw new PublicError(
        'GATE_FAILED',
        `promotion of ${model} ${version} to CHAMPION over ${gate.champion} refused: ${gate.failures.join('; ')}. Pass override: true with a reason to promote anyway.`,
        { field: 'version', evidence: gate },
      );
    }
    previousChampion = input.stage === 'CHAMPION' ? current.champion : null;
    const event: StageChangedEvent = { type: 'STAGE_CHANGED', at: new Date().toISOString(), actor, reason, override: !!gate && !gate.passed, rollback: false, changes, gate };
    return { event, result: null };
  });
  return announced(deps, project, model, recorded, previousChampion);
}

/** Restores the previous champion and archives the current one, in one log entry. */
export async function rollback(deps: RegistryDeps, project: string, input: { model: string; reason: string; actor?: string | null }) {
  const model = checkModelName(input.model);
  const reason = reasonOf(input.reason);
  const actor = optionalText(input.actor, 'actor', 200);
  let previousChampion: string | null = null;
  const recorded = await deps.log.transact(project, model, (current) => {
    requireModel(current);
    const changes = rollbackChanges(current);
    previousChampion = current.champion;
    return { event: { type: 'STAGE_CHANGED', at: new Date().toISOString(), actor, reason, override: false, rollback: true, changes, gate: null }, result: null };
  });
  return announced(deps, project, model, recorded, previousChampion);
}
