import type { ComponentChildren } from 'preact';
import type { ApiError } from './api.ts';

/**
 * A labelled form field that shows the API's error when the API named it
 * (`extensions.field`, such as `input.window`), beside the input at fault.
 */
export function Field({ id, label, error, names, children, hint }: { id: string; label: string; error?: ApiError; names: string[]; children: ComponentChildren; hint?: string }) {
  const mine = errorIsOnAField(error, names);
  return (
    <div class={`field${mine ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && !mine && <small class="muted">{hint}</small>}
      {mine && (
        <small class="field-error" id={`${id}-error`} role="alert">
          {error!.message}
        </small>
      )}
    </div>
  );
}

/** Whether some Field of a form shows the error; if not, the form shows it whole. */
export const errorIsOnAField = (error: ApiError | undefined, fields: string[]) => !!error?.field && fields.some((n) => error.field === n || error.field!.startsWith(`${n}.`) || error.field!.startsWith(`${n}[`));
