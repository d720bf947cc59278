import { useState } from 'preact/hooks';
import { Badge, EmptyState, ErrorBox, Field, formatNumber, formatTime, Loaded, Table, useMutation, useQuery, type ApiError } from '@tideline/console-ui';
import { ArtifactFiles, type ArtifactFileOf } from './artifact-files.tsx';
import { LineageGraph, versionAnchor, type LineageOf } from './lineage.tsx';
import { ModelPage } from './model-page.tsx';

const GATE = 'passed source champion challenger failures primary { metric championValue challengerValue improvement threshold outcome } slices { slice metric championValue challengerValue improvement outcome }';
const REGISTRY = `query Registry($model: String!) {
  model(name: $model) {
    name registration { primaryMetric protectedSlices gate { minImprovement maxSliceRegression minSamples } }
    champion { version }
    versions { version stage createdAt createdBy description artifact { digest size files { path digest downloadPath size } } lineage { dataset { id } trainingRun { id } parent { version } } }
    stageHistory { sequence version from to at actor reason override rollback gate { ${GATE} } }
  }
}`;
const PROMOTE = `mutation Promote($model: String!, $version: String!, $stage: Stage!, $reason: String!) { promote(model: $model, version: $version, stage: $stage, reason: $reason) { sequence } }`;
const ROLLBACK = `mutation Rollback($model: String!, $reason: String!) { rollback(model: $model, reason: $reason) { sequence } }`;

interface GateEvidence {
  passed: boolean;
  source: string;
  champion: string;
  challenger: string;
  failures: string[];
  primary: { metric: string; championValue: number | null; challengerValue: number | null; improvement: number | null; threshold: number; outcome: string };
}
interface Version {
  version: string;
  stage: string;
  createdAt: string;
  createdBy: string | null;
  description: string | null;
  artifact: { digest: string; size: number; files: ArtifactFileOf[] };
  lineage: LineageOf['lineage'];
}
interface Change {
  sequence: number;
  version: string;
  from: string;
  to: string;
  at: string;
  actor: string | null;
  reason: string;
  override: boolean;
  rollback: boolean;
  gate: GateEvidence | null;
}
interface RegistryAnswer {
  model: { registration: { primaryMetric: string; protectedSlices: string[] } | null; champion: { version: string } | null; versions: Version[]; stageHistory: Change[] } | null;
}

export function RegistryPage({ model }: { model: string }) {
  return <ModelPage model={model} title="Registry">{() => <Registry model={model} />}</ModelPage>;
}

function Registry({ model }: { model: string }) {
  const registry = useQuery<RegistryAnswer>(REGISTRY, { model });
  return (
    <Loaded state={registry} what="the registry">
      {({ model: m }) =>
        !m || m.versions.length === 0 ? (
          <EmptyState
            title="No versions registered"
            command={`mutation { registerModel(input: { name: "${model}", primaryMetric: ACCURACY }) { name } }\nmutation { registerModelVersion(input: { model: "${model}", version: "v1", artifact: { files: [{ path: "model.bin", contentBase64: "AAAA" }], format: OTHER } }) { version } }`}
          >
            <p>Register the model and its versions (GraphQL, at /graphql), or let the loop train them: <code>npm run demo</code>.</p>
          </EmptyState>
        ) : (
          <>
            <p>
              Champion: <strong>{m.champion?.version ?? 'none'}</strong>
              {m.registration && <> · primary metric {m.registration.primaryMetric} · protected slices {m.registration.protectedSlices.join(', ') || 'none'}</>}
            </p>
            <VersionTable versions={m.versions} />
            <h2>Lineage</h2>
            <LineageGraph versions={m.versions} />
            <StageForms model={model} versions={m.versions} onChanged={registry.reload} />
            <h2>Stage history</h2>
            <HistoryTable history={[...m.stageHistory].reverse()} />
          </>
        )
      }
    </Loaded>
  );
}

const STAGE_TONE: Record<string, 'ok' | 'info' | 'warn'> = { CHAMPION: 'ok', CHALLENGER: 'info', CANDIDATE: 'info', ARCHIVED: 'warn' };

function VersionTable({ versions }: { versions: Version[] }) {
  return (
    <Table
      caption="Versions, newest first, with their lineage (dataset → training run → version ← parent)"
      testId="versions"
      rows={versions}
      rowKey={(v) => v.version}
      columns={[
        { title: 'Version', cell: (v) => <span id={versionAnchor(v.version)}>{v.version}</span> },
        { title: 'Stage', cell: (v) => <Badge tone={STAGE_TONE[v.stage] ?? 'info'}>{v.stage}</Badge> },
        { title: 'Created', cell: (v) => `${formatTime(v.createdAt)}${v.createdBy ? ` by ${v.createdBy}` : ''}` },
        { title: 'Lineage', cell: (v) => [v.lineage.dataset && `dataset ${v.lineage.dataset.id}`, v.lineage.trainingRun && `run ${v.lineage.trainingRun.id}`, v.lineage.parent && `parent ${v.lineage.parent.version}`].filter(Boolean).join(' → ') || '—' },
        { title: 'Artifact', cell: (v) => <ArtifactFiles version={v.version} files={v.artifact.files} /> },
      ]}
    />
  );
}

function HistoryTable({ history }: { history: Change[] }) {
  return (
    <Table
      caption="Every stage change, newest first, with the gate's evidence"
      testId="stage-history"
      rows={history}
      rowKey={(c) => String(c.sequence)}
      columns={[
        { title: '#', numeric: true, cell: (c) => c.sequence },
        { title: 'Version', cell: (c) => c.version },
        { title: 'Change', cell: (c) => `${c.from} → ${c.to}${c.rollback ? ' (rollback)' : ''}${c.override ? ' (override)' : ''}` },
        { title: 'When', cell: (c) => formatTime(c.at) },
        { title: 'Who', cell: (c) => c.actor ?? '—' },
        { title: 'Reason', cell: (c) => c.reason },
        { title: 'Gate', cell: (c) => (c.gate ? <GateSummary gate={c.gate} /> : '—') },
      ]}
    />
  );
}

function GateSummary({ gate }: { gate: GateEvidence }) {
  const p = gate.primary;
  return (
    <div class="gate">
      <Badge tone={gate.passed ? 'ok' : 'bad'}>{gate.passed ? 'passed' : 'refused'}</Badge> {gate.source}: {p.metric} {gate.challenger} {formatNumber(p.challengerValue)} vs {gate.champion}{' '}
      {formatNumber(p.championValue)} (improvement {formatNumber(p.improvement)}, needed {formatNumber(p.threshold)})
      {gate.failures.length > 0 && (
        <ul>
          {gate.failures.map((f) => (
            <li>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The gate's refusal is shown whole: the API's message and the evidence it carries. */
function Refusal({ error }: { error: ApiError }) {
  const evidence = error.extensions.evidence as GateEvidence | undefined;
  return (
    <div data-testid="gate-refusal">
      <ErrorBox error={error} title={error.code === 'GATE_FAILED' ? 'The gate refused the promotion' : 'The API refused'} />
      {evidence && <GateSummary gate={evidence} />}
    </div>
  );
}

function StageForms({ model, versions, onChanged }: { model: string; versions: Version[]; onChanged: () => void }) {
  const promote = useMutation<unknown>(PROMOTE);
  const rollback = useMutation<unknown>(ROLLBACK);
  const [last, setLast] = useState<'promote' | 'rollback'>('promote');
  const error = last === 'promote' ? promote.error : rollback.error;
  return (
    <>
      <h2 id="promote-title">Promote or roll back</h2>
      <form
        class="stack"
        aria-labelledby="promote-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setLast('promote');
          if (await promote.run({ model, version: f.get('version'), stage: f.get('stage'), reason: f.get('reason') })) onChanged();
        }}
      >
        <Field id="p-version" label="Version" error={promote.error} names={['version']}>
          <select id="p-version" name="version">
            {versions.filter((v) => v.stage !== 'CHAMPION').map((v) => <option value={v.version}>{v.version} ({v.stage})</option>)}
          </select>
        </Field>
        <Field id="p-stage" label="To stage" error={promote.error} names={['stage']}>
          <select id="p-stage" name="stage">
            {['CHAMPION', 'CHALLENGER', 'CANDIDATE', 'ARCHIVED'].map((s) => <option value={s}>{s}</option>)}
          </select>
        </Field>
        <Field id="p-reason" label="Reason" error={promote.error} names={['reason']}>
          <input id="p-reason" name="reason" required placeholder="why, for the stage history" />
        </Field>
        <div class="row">
          <button class="primary" type="submit" disabled={promote.running}>Promote</button>
        </div>
      </form>
      <form
        class="row"
        aria-label="Roll back"
        onSubmit={async (e) => {
          e.preventDefault();
          setLast('rollback');
          if (await rollback.run({ model, reason: new FormData(e.currentTarget).get('reason') })) onChanged();
        }}
      >
        <div class="field">
          <label for="r-reason">Rollback reason</label>
          <input id="r-reason" name="reason" required />
        </div>
        <button type="submit" disabled={rollback.running}>Roll back to the previous champion</button>
      </form>
      {error && <Refusal error={error} />}
    </>
  );
}
