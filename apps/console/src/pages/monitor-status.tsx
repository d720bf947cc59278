import { Badge, formatNumber, formatSliceKey, formatTime } from '@tideline/console-ui';

export type EvaluationOutcome = 'OK' | 'ERROR' | 'TIMED_OUT';

export interface MonitorStatus {
  evaluatedAt: string;
  outcome: EvaluationOutcome;
  error: string | null;
  skippedTicks: number;
  retryAt: string | null;
  series: { slice: { field: string; value: string | null }[]; value: number | null; state: string; sampleCount: number }[];
}

/** The fields MonitorStatus reads, for the page's query. */
export const MONITOR_STATUS_FIELDS = 'evaluatedAt outcome error skippedTicks retryAt series { slice { field value } value state sampleCount }';

/** The later of two evaluations (a pushed status and the page's last read arrive in either order). */
export const laterStatus = (a: MonitorStatus | null, b: MonitorStatus | null | undefined): MonitorStatus | null =>
  !b || (a && Date.parse(a.evaluatedAt) >= Date.parse(b.evaluatedAt)) ? a : b;

// The word is always written out, so the colour is never the only signal.
export const OUTCOME_TONE = { OK: 'ok', ERROR: 'bad', TIMED_OUT: 'warn' } as const;
export const OUTCOME_LABEL: Record<EvaluationOutcome, string> = { OK: 'OK', ERROR: 'ERROR', TIMED_OUT: 'TIMED OUT' };
const SERIES_TONE: Record<string, 'ok' | 'bad' | 'warn'> = { OK: 'ok', FIRING: 'bad' };

/**
 * A monitor's last evaluation: its outcome (with the API's reason when it
 * failed or timed out), the ticks it was not evaluated at, and the next try
 * when it backs off after timeouts.
 */
export function LastEvaluationCell({ enabled, status }: { enabled: boolean; status: MonitorStatus | null }) {
  if (!enabled) return <span class="muted">disabled</span>;
  if (!status) return <span class="muted">not evaluated yet</span>;
  return (
    <div class="monitor-status" data-outcome={status.outcome}>
      <div>
        <Badge tone={OUTCOME_TONE[status.outcome]}>{OUTCOME_LABEL[status.outcome]}</Badge>{' '}
        <time class="muted" dateTime={status.evaluatedAt}>
          {formatTime(status.evaluatedAt, 'second')}
        </time>
      </div>
      {status.error && (
        <div class="field-error" data-status="error">
          {status.error}
        </div>
      )}
      {status.skippedTicks > 0 && (
        <div data-status="skipped-ticks">
          {formatNumber(status.skippedTicks)} {status.skippedTicks === 1 ? 'tick' : 'ticks'} skipped
        </div>
      )}
      {status.retryAt && (
        <div data-status="retry-at">
          Backing off: next try <time dateTime={status.retryAt}>{formatTime(status.retryAt, 'second')}</time>
        </div>
      )}
    </div>
  );
}

/** Each series' state: a failed or timed out evaluation leaves them as they were, so they are shown whatever the outcome. */
export function SeriesCell({ status }: { status: MonitorStatus | null }) {
  if (!status || status.series.length === 0) return <span class="muted">—</span>;
  return (
    <>
      {status.series.map((s) => (
        <div>
          <Badge tone={SERIES_TONE[s.state] ?? 'warn'}>{s.state}</Badge> {formatSliceKey(s.slice)} {formatNumber(s.value)}
        </div>
      ))}
    </>
  );
}
