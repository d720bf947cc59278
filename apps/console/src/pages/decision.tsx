import { Badge, formatNumber } from '@tideline/console-ui';

export interface Decision {
  action: 'RETRAIN' | 'PROMOTE' | 'ROLLBACK' | 'HOLD';
  confidence: number;
  reasons: { code: string; message: string }[];
}

const TONE = { HOLD: 'ok', RETRAIN: 'warn', PROMOTE: 'info', ROLLBACK: 'bad' } as const;

/** The loop's current retrainingDecision: the action, its confidence and every reason as the API words it. */
export function DecisionSummary({ decision, full = false }: { decision: Decision; full?: boolean }) {
  return (
    <span class="decision">
      <Badge tone={TONE[decision.action]}>{decision.action}</Badge> <span class="muted">confidence {formatNumber(decision.confidence, 2)}</span>
      {full ? (
        <ul>
          {decision.reasons.map((r) => (
            <li>
              <code>{r.code}</code> {r.message}
            </li>
          ))}
        </ul>
      ) : (
        decision.reasons[0] && <span class="muted"> · {decision.reasons[0].message}</span>
      )}
    </span>
  );
}
