import { ErrorBox, errorIsOnAField, Field, useMutation } from '@tideline/console-ui';
import { METRICS, type Task } from '../model-summary.ts';
import type { MonitorStatus } from './monitor-status.tsx';

export interface MonitorRow {
  id: string;
  name: string;
  model: { name: string };
  check: { metric: string | null; drift: { feature: string; method: string; value: string; approximate: boolean } | null; dataQuality: { feature: string; figure: string } | null };
  groupBy: string[];
  window: string;
  interval: string;
  condition: { op: string; threshold: number; baselineOffset: string | null };
  minSamples: number;
  severity: string;
  anchor: string;
  enabled: boolean;
  status: MonitorStatus | null;
}

const CREATE = `mutation CreateMonitor($input: MonitorInput!) { createMonitor(input: $input) { id name } }`;
const UPDATE = `mutation UpdateMonitor($id: ID!, $input: MonitorPatchInput!) { updateMonitor(id: $id, input: $input) { id name } }`;
// Every field the form sends, as the API names it in extensions.field: an error on one shows beside it.
const FIELDS = ['input.name', 'input.model', 'input.check', 'input.window', 'input.interval', 'input.condition.op', 'input.condition.threshold', 'input.condition.baselineOffset', 'input.minSamples', 'input.severity', 'input.groupBy', 'input.anchor'];

const OP_LABELS: Record<string, string> = { LT: 'LT (below the threshold)', GT: 'GT (above the threshold)', DROP: 'DROP (relative drop vs baseline)', RISE: 'RISE (relative rise vs baseline)' };
const ANCHOR_LABELS: Record<string, string> = { LATEST_PREDICTION: 'the latest prediction', NOW: 'now' };

/** A select's options with one preselected (a select has no defaultValue in the DOM; an option's `selected` is its default). */
function Options({ values, current, labels = {} }: { values: readonly string[]; current?: string; labels?: Record<string, string> }) {
  return (
    <>
      {values.map((value) => (
        <option value={value} selected={value === current}>
          {labels[value] ?? value}
        </option>
      ))}
    </>
  );
}

/**
 * Create or edit a metric monitor. Nothing is checked here beyond what the
 * browser's input types do: the API validates the monitor by running it
 * once, and its errors (naming the field) are shown where they belong.
 */
export function MonitorForm({ models, editing, onSaved, onCancel }: { models: { name: string; task: string | null }[]; editing: MonitorRow | null; onSaved: () => void; onCancel: () => void }) {
  const create = useMutation<unknown>(CREATE);
  const update = useMutation<unknown>(UPDATE);
  const { error, running } = editing ? update : create;
  const metrics = [...new Set(models.flatMap((m) => METRICS[(m.task ?? 'BINARY') as Task]))];
  const submit = async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const input = {
      name: text('name'),
      // A drift or data-quality monitor keeps its check: this form edits metric checks only.
      check: editing && !editing.check.metric ? undefined : { metric: text('metric') },
      window: text('window'),
      interval: text('interval'),
      condition: { op: text('op'), threshold: Number(text('threshold')) },
      minSamples: Number(text('minSamples')),
      severity: text('severity'),
      groupBy: text('groupBy') ? text('groupBy').split(',').map((s) => s.trim()) : [],
      anchor: text('anchor'),
    };
    const saved = editing ? await update.run({ id: editing.id, input }) : await create.run({ input: { ...input, model: text('model') } });
    if (saved) {
      if (!editing) form.reset();
      onSaved();
    }
  };
  const v = editing;
  return (
    <form
      class="stack"
      aria-labelledby="monitor-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <Field id="m-name" label="Name" error={error} names={['input.name']}>
        <input id="m-name" name="name" required defaultValue={v?.name ?? ''} />
      </Field>
      <Field id="m-model" label="Model" error={error} names={['input.model']}>
        <select id="m-model" name="model" disabled={!!v}>
          <Options values={models.map((m) => m.name)} current={v?.model.name} />
        </select>
      </Field>
      <Field id="m-metric" label="Metric" error={error} names={['input.check']}>
        <select id="m-metric" name="metric" disabled={!!v && !v.check.metric}>
          <Options values={metrics} current={v?.check.metric ?? 'ACCURACY'} />
        </select>
      </Field>
      <Field id="m-window" label="Window" error={error} names={['input.window']} hint='a duration: "1h", "7d"'>
        <input id="m-window" name="window" required defaultValue={v?.window ?? '1d'} />
      </Field>
      <Field id="m-interval" label="Check every" error={error} names={['input.interval']} hint='at least "10s"'>
        <input id="m-interval" name="interval" required defaultValue={v?.interval ?? '1m'} />
      </Field>
      <Field id="m-op" label="Fires when the value is" error={error} names={['input.condition.op']}>
        <select id="m-op" name="op">
          <Options values={['LT', 'GT', 'DROP', 'RISE']} labels={OP_LABELS} current={v?.condition.op ?? 'LT'} />
        </select>
      </Field>
      <Field id="m-threshold" label="Threshold" error={error} names={['input.condition.threshold', 'input.condition.baselineOffset']}>
        <input id="m-threshold" name="threshold" type="number" step="any" required defaultValue={String(v?.condition.threshold ?? 0.8)} />
      </Field>
      <Field id="m-min-samples" label="Minimum samples" error={error} names={['input.minSamples']}>
        <input id="m-min-samples" name="minSamples" type="number" min="1" defaultValue={String(v?.minSamples ?? 30)} />
      </Field>
      <Field id="m-severity" label="Severity" error={error} names={['input.severity']}>
        <select id="m-severity" name="severity">
          <Options values={['INFO', 'WARNING', 'CRITICAL']} current={v?.severity ?? 'WARNING'} />
        </select>
      </Field>
      <Field id="m-group-by" label="Group by (comma-separated)" error={error} names={['input.groupBy']} hint="e.g. tags.country: one series per value">
        <input id="m-group-by" name="groupBy" defaultValue={v?.groupBy.join(', ') ?? ''} />
      </Field>
      <Field id="m-anchor" label="Window ends at" error={error} names={['input.anchor']}>
        <select id="m-anchor" name="anchor">
          <Options values={['LATEST_PREDICTION', 'NOW']} labels={ANCHOR_LABELS} current={v?.anchor ?? 'LATEST_PREDICTION'} />
        </select>
      </Field>
      <div class="row">
        <button class="primary" type="submit" disabled={running}>
          {v ? 'Save monitor' : 'Create monitor'}
        </button>
        {v && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && !errorIsOnAField(error, FIELDS) && <ErrorBox error={error} />}
      {error && errorIsOnAField(error, FIELDS) && <p class="field-error" role="status">The API refused the monitor: see the field marked above.</p>}
    </form>
  );
}
