import { useState } from 'preact/hooks';
import { Badge, EmptyState, ErrorBox, formatNumber, formatSliceKey, formatTime, Loaded, Table, useQuery, useSubscription } from '@tideline/console-ui';
import { MonitorForm, type MonitorRow } from './monitor-form.tsx';
import { laterStatus, LastEvaluationCell, MONITOR_STATUS_FIELDS, SeriesCell, type MonitorStatus } from './monitor-status.tsx';

const ALERT_FIELDS = 'id monitorName model { name } slice { field value } metric value threshold sampleCount severity state firedAt resolvedAt';
const ALERT_EVENTS = `subscription AlertEvents { alertEvents { id type at alert { ${ALERT_FIELDS} } } }`;
const MONITOR_EVALUATIONS = `subscription MonitorEvaluated { monitorEvaluated { id status { ${MONITOR_STATUS_FIELDS} } } }`;
const PAGE = `query AlertsPage {
  alerts(first: 50) { ${ALERT_FIELDS} }
  monitors {
    id name model { name } check { metric drift { feature method value approximate } dataQuality { feature figure } } groupBy window interval
    condition { op threshold baselineOffset } minSamples severity anchor enabled
    status { ${MONITOR_STATUS_FIELDS} }
  }
  models { name task }
}`;

interface Alert {
  id: string;
  monitorName: string;
  model: { name: string };
  slice: { field: string; value: string | null }[];
  metric: string;
  value: number | null;
  threshold: number | null;
  sampleCount: number;
  severity: string;
  state: 'FIRING' | 'RESOLVED';
  firedAt: string;
  resolvedAt: string | null;
}
interface AlertEvent {
  id: string;
  type: 'FIRED' | 'RESOLVED';
  at: string;
  alert: Alert;
}
interface PageAnswer {
  alerts: Alert[];
  monitors: MonitorRow[];
  models: { name: string; task: string | null }[];
}

export function AlertsPage() {
  const page = useQuery<PageAnswer>(PAGE, {});
  const [live, setLive] = useState<AlertEvent[]>([]);
  const [editing, setEditing] = useState<MonitorRow | null>(null);
  // At-least-once delivery: an event id seen already is dropped.
  const liveError = useSubscription<{ alertEvents: AlertEvent }>(ALERT_EVENTS, {}, ({ alertEvents }) => {
    setLive((events) => (events.some((e) => e.id === alertEvents.id) ? events : [alertEvents, ...events].slice(0, 50)));
    page.reload();
  });
  // Every evaluation, failed ones included (they fire no alert event): the row shows the later of the pushed and the read status.
  const [pushed, setPushed] = useState<Record<string, MonitorStatus>>({});
  const statusError = useSubscription<{ monitorEvaluated: { id: string; status: MonitorStatus | null } }>(
    MONITOR_EVALUATIONS,
    {},
    ({ monitorEvaluated: { id, status } }) => {
      if (status) setPushed((p) => ({ ...p, [id]: laterStatus(status, p[id])! }));
    },
    page.reload,
  );
  const feedError = liveError ?? statusError;
  return (
    <>
      <h1>Alerts & monitors</h1>
      <h2>Live</h2>
      {feedError && <ErrorBox error={feedError} title="The live feed stopped" />}
      <ul class="feed" aria-live="polite" aria-label="Live alert events" data-testid="live-feed">
        {live.length === 0 && <li class="resolved muted">Listening: alerts that fire or resolve appear here as they happen.</li>}
        {live.map((e) => (
          <li class={e.type === 'RESOLVED' ? 'resolved' : ''} data-alert={e.alert.id}>
            <strong>{e.type}</strong> {e.alert.monitorName} on {e.alert.model.name} ({formatSliceKey(e.alert.slice)}): {e.alert.metric} {formatNumber(e.alert.value)} vs{' '}
            {formatNumber(e.alert.threshold)} · {formatTime(e.at)}
          </li>
        ))}
      </ul>
      <Loaded state={page} what="alerts and monitors">
        {(data) => (
          <>
            <h2>History</h2>
            {data.alerts.length === 0 ? (
              <EmptyState title="No alert has fired yet">
                <p>Alerts come from monitors: create one below, or run <code>npm run demo</code> to see drift fire one.</p>
              </EmptyState>
            ) : (
              <AlertTable alerts={data.alerts} />
            )}
            <h2>Monitors</h2>
            {data.monitors.length === 0 ? (
              <EmptyState title="No monitors">
                <p>A monitor checks a metric, drift or data quality on a sliding window and fires an alert when its condition holds. Create the first one here.</p>
              </EmptyState>
            ) : (
              <MonitorTable monitors={data.monitors.map((m) => ({ ...m, status: laterStatus(m.status, pushed[m.id]) }))} onEdit={setEditing} />
            )}
            <h2 id="monitor-form-title">{editing ? `Edit monitor ${editing.name}` : 'Create a monitor'}</h2>
            <MonitorForm
              key={editing?.id ?? 'new'}
              models={data.models}
              editing={editing}
              onSaved={() => {
                setEditing(null);
                page.reload();
              }}
              onCancel={() => setEditing(null)}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

function AlertTable({ alerts }: { alerts: Alert[] }) {
  return (
    <Table
      caption="Alerts, newest first"
      testId="alert-history"
      rows={alerts}
      rowKey={(a) => a.id}
      columns={[
        { title: 'State', cell: (a) => <Badge tone={a.state === 'FIRING' ? 'bad' : 'ok'}>{a.state}</Badge> },
        { title: 'Monitor', cell: (a) => a.monitorName },
        { title: 'Model', cell: (a) => a.model.name },
        { title: 'Slice', cell: (a) => formatSliceKey(a.slice) },
        { title: 'Metric', cell: (a) => a.metric },
        { title: 'Value', numeric: true, cell: (a) => formatNumber(a.value) },
        { title: 'Threshold', numeric: true, cell: (a) => formatNumber(a.threshold) },
        { title: 'Samples', numeric: true, cell: (a) => formatNumber(a.sampleCount) },
        { title: 'Severity', cell: (a) => a.severity },
        { title: 'Fired', cell: (a) => formatTime(a.firedAt) },
        { title: 'Resolved', cell: (a) => formatTime(a.resolvedAt) },
      ]}
    />
  );
}

/** What a monitor checks; an approximate drift check says so (its statistics are binned, within their error bounds). */
const checkOf = ({ check: { metric, drift, dataQuality } }: MonitorRow) =>
  metric ?? (drift ? `drift ${drift.method} of ${drift.feature}${drift.approximate ? ', approximate' : ''}` : `${dataQuality?.figure} of ${dataQuality?.feature}`);

function MonitorTable({ monitors, onEdit }: { monitors: MonitorRow[]; onEdit: (m: MonitorRow) => void }) {
  return (
    <Table
      caption="Monitors, their last evaluation and the state of each series"
      testId="monitors"
      rows={monitors}
      rowKey={(m) => m.id}
      columns={[
        { title: 'Name', cell: (m) => m.name },
        { title: 'Model', cell: (m) => m.model.name },
        { title: 'Check', cell: checkOf },
        { title: 'Window / every', cell: (m) => `${m.window} / ${m.interval}` },
        { title: 'Condition', cell: (m) => `${m.condition.op} ${m.condition.threshold}` },
        { title: 'Severity', cell: (m) => m.severity },
        { title: 'Last evaluation', cell: (m) => <LastEvaluationCell enabled={m.enabled} status={m.status} /> },
        { title: 'Series', cell: (m) => <SeriesCell status={m.status} /> },
        { title: 'Edit', cell: (m) => <button type="button" onClick={() => onEdit(m)} aria-label={`Edit monitor ${m.name}`}>Edit</button> },
      ]}
    />
  );
}
