import type { ComponentChildren } from 'preact';
import { EmptyState, ErrorBox, Loading } from '@tideline/console-ui';
import { useModelSummary, type ModelSummary } from '../model-summary.ts';
import { curlExample } from './models.tsx';

/** A model page's frame: its heading, then the page once the model's summary is known. */
export function ModelPage({ model, title, children }: { model: string; title: string; children: (summary: ModelSummary) => ComponentChildren }) {
  const { summary, error, data } = useModelSummary(model);
  return (
    <>
      <h1>
        {model} · {title}
      </h1>
      {error ? (
        <ErrorBox error={error} />
      ) : !data ? (
        <Loading what={model} />
      ) : !summary ? (
        <EmptyState title={`No predictions for ${model} yet`} command={curlExample()}>
          <p>This page fills in once the model has traffic. Send predictions, or run <code>npm run demo</code>:</p>
        </EmptyState>
      ) : (
        children(summary)
      )}
    </>
  );
}

/** A labelled select of fixed options. */
export function Choice({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: readonly string[]; onChange: (v: string) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option value={o}>{o || '—'}</option>
        ))}
      </select>
    </div>
  );
}
