import type { ComponentChildren } from 'preact';
import type { ApiError } from './api.ts';

/** The API's own message and code, never a paraphrase: it names the field and the reason; an unexpected error, the request id it was logged under. */
export function ErrorBox({ error, title = 'The API refused' }: { error: ApiError; title?: string }) {
  return (
    <div class="error" role="alert">
      <strong>{title}</strong>
      {error.code && <code class="code">{error.code}</code>}
      <p>{error.message}</p>
      {error.field && <p class="muted">field: <code>{error.field}</code></p>}
      {typeof error.extensions.requestId === 'string' && (
        <p class="muted">
          request id: <code>{error.extensions.requestId}</code> (the platform logged what happened under it)
        </p>
      )}
    </div>
  );
}

/** What a page shows before it has anything: what to do next, with the command to copy. */
export function EmptyState({ title, children, command }: { title: string; children?: ComponentChildren; command?: string }) {
  return (
    <section class="empty" aria-label={title}>
      <h3>{title}</h3>
      {children}
      {command && <pre tabIndex={0}>{command}</pre>}
    </section>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A query's three states in one place: loading, the API's error, or the page. */
export function Loaded<T>({ state, what, children }: { state: { data?: T; error?: ApiError; loading: boolean }; what: string; children: (data: T) => ComponentChildren }) {
  if (state.error) return <ErrorBox error={state.error} />;
  if (state.data === undefined) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'info'; children: ComponentChildren }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}
