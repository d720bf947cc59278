/**
 * One error type for everything the API refuses: the code of the API's error
 * catalog (docs/API.md, "Errors"), the field at fault where there is one, and
 * the server's message. Network failures keep their original error as `cause`.
 */
export class TidelineError extends Error {
  override readonly name = 'TidelineError';
  /** A code of the API's catalog (`BAD_USER_INPUT`, `MODEL_NOT_FOUND`, …), or `NETWORK_ERROR` when no answer came. */
  readonly code: string;
  /** The argument or record field at fault (`output.score`, `input.model`), or null. */
  readonly field: string | null;
  /** The HTTP status of the answer, when there was one. */
  readonly status: number | null;
  /** The request id the server logged the error under (`x-request-id`). */
  readonly requestId: string | null;
  /** The rest of the error's `extensions` (for example `evidence` of `GATE_FAILED`). */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(
    details: { code: string; message: string; field?: string | null; status?: number | null; requestId?: string | null; extensions?: Record<string, unknown> },
    options?: ErrorOptions,
  ) {
    super(details.message, options);
    this.code = details.code;
    this.field = details.field ?? null;
    this.status = details.status ?? null;
    this.requestId = details.requestId ?? null;
    this.extensions = details.extensions ?? {};
  }
}

/** A GraphQL error as the gateway answers it. */
export interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: unknown; field?: unknown; requestId?: unknown; [key: string]: unknown };
}

/** The first of a GraphQL answer's errors as a TidelineError (the others stay in `extensions.errors`). */
export function errorFromGraphql(errors: readonly GraphqlErrorBody[], status: number, requestId: string | null): TidelineError {
  const first = errors[0] ?? { message: `GraphQL answered ${status} without data` };
  const extensions = first.extensions ?? {};
  return new TidelineError({
    code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
    field: typeof extensions.field === 'string' ? extensions.field : null,
    message: first.message,
    status,
    requestId: typeof extensions.requestId === 'string' ? extensions.requestId : requestId,
    extensions: errors.length > 1 ? { ...extensions, errors } : extensions,
  });
}

/** A `/v1` error answer (`{ error: { code, message } }`, or GraphQL's `{ errors }` from authentication) as a TidelineError. */
export function errorFromHttp(status: number, body: unknown, requestId: string | null): TidelineError {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown; requestId?: unknown } } | null)?.error;
  // Authentication answers as GraphQL does; a 429's `errors` are its per-record IngestErrors, beside its `error`.
  const errors = (body as { errors?: GraphqlErrorBody[] } | null)?.errors;
  if (!error && Array.isArray(errors) && errors[0]?.extensions) return errorFromGraphql(errors, status, requestId);
  return new TidelineError({
    code: typeof error?.code === 'string' ? error.code : `HTTP_${status}`,
    message: typeof error?.message === 'string' ? error.message : `the server answered ${status}`,
    field: typeof error?.field === 'string' ? error.field : null,
    status,
    requestId: typeof error?.requestId === 'string' ? error.requestId : requestId,
  });
}

/** No answer at all: the server is unreachable, or the connection broke. */
export function networkError(url: string, cause: unknown): TidelineError {
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure) is its cause.
  const reason = (cause as Error)?.cause instanceof Error ? `${(cause as Error).message}: ${((cause as Error).cause as Error).message}` : ((cause as Error)?.message ?? String(cause));
  return new TidelineError({ code: 'NETWORK_ERROR', message: `no answer from ${url}: ${reason}` }, { cause });
}
