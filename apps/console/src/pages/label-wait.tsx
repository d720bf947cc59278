import { formatNumber, formatTime, useInterval, useQuery } from '@tideline/console-ui';

const LABEL_STEP = `query LabelWait($id: ID!) { loopRun(id: $id) { id status steps { name output } } }`;
/**
 * The label step writes its count into its output as labels arrive, without
 * an event (one per label would flood loopEvents): a waiting run's card reads
 * that one run again this often. One KV read per waiting run, only while
 * the card shows it waiting.
 */
export const LABEL_PROGRESS_MS = 2000;

/** What the label step recorded once its request was made (libs/services/loop, "Waiting for labels"). */
interface LabelWaitOutput {
  requestId?: string;
  picks?: number;
  labelsNeeded?: number;
  labeledCount?: number;
  deadline?: string;
}
interface LabelWaitAnswer {
  loopRun: { id: string; status: string; steps: { name: string; output: LabelWaitOutput | null }[] } | null;
}

/** A run in WAITING_LABELS: how many of the labels it needs have arrived, and until when it waits, kept live. */
export function LabelWait({ runId }: { runId: string }) {
  const progress = useQuery<LabelWaitAnswer>(LABEL_STEP, { id: runId });
  useInterval(() => progress.reload(), LABEL_PROGRESS_MS);
  const out = progress.data?.loopRun?.steps.find((s) => s.name === 'label')?.output;
  // Between the run turning WAITING_LABELS and the step recording its request there is nothing to count yet.
  if (!out?.requestId) {
    return (
      <p class="label-wait" role="status" data-testid="label-wait">
        Waiting for labels: asking for them…
      </p>
    );
  }
  return (
    <p class="label-wait" role="status" data-testid="label-wait" data-labeled={out.labeledCount} data-needed={out.labelsNeeded}>
      Waiting for labels: {formatNumber(out.labeledCount)} of {formatNumber(out.labelsNeeded)}, until <time dateTime={out.deadline}>{formatTime(out.deadline)}</time>
      <span class="muted">
        {' '}
        (request {out.requestId}, {formatNumber(out.picks)} rows picked)
      </span>
    </p>
  );
}
