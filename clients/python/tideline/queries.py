"""The GraphQL operations the client sends, and helpers that shape arguments and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional, Sequence

from .errors import bad_input
from .records import plain

METRIC = """
query Metric($model: String!, $metric: MetricName!, $window: TimeRangeInput!, $granularity: Granularity,
             $slice: SliceFilterInput, $modelVersion: String, $average: Average) {
  metric(model: $model, metric: $metric, window: $window, granularity: $granularity, slice: $slice,
         modelVersion: $modelVersion, average: $average) {
    points { from to value sampleCount labeledCount realized }
  }
}"""

SLICE_METRICS = """
query SliceMetrics($model: String!, $metrics: [MetricName!]!, $window: TimeRangeInput!, $groupBy: [String!]!,
                   $slice: SliceFilterInput, $modelVersion: String, $minSamples: Int, $average: Average) {
  sliceMetrics(model: $model, metrics: $metrics, window: $window, groupBy: $groupBy, slice: $slice,
               modelVersion: $modelVersion, minSamples: $minSamples, average: $average) {
    key { field value } sampleCount labeledCount values { metric value }
    significance { metric test statistic pValue restValue worseThanRest }
  }
}"""

DRIFT_REPORT = """
query DriftReport($model: String!, $features: [String!]!, $methods: [DriftMethod!], $reference: TimeRangeInput,
                  $current: TimeRangeInput!, $slice: SliceFilterInput, $correction: PValueCorrection, $approximate: Boolean) {
  driftReport(model: $model, features: $features, methods: $methods, reference: $reference, current: $current,
              slice: $slice, correction: $correction, approximate: $approximate) {
    feature method statistic errorBound pValue adjustedPValue effectSize effectSizeMethod verdictRule threshold drifted
    referenceCount currentCount
  }
}"""

#: A retraining decision's fields: what `decision` returns and `decision_changes` yields.
DECISION_FIELDS = """
    model action confidence reasons { code message evidence } decidedAt
    basedOn { window { from to } labeledCount estimated } candidate rollbackTo"""

DECISION = """
query Decision($model: String!) {
  retrainingDecision(model: $model) {""" + DECISION_FIELDS + """
  }
}"""

DECISION_CHANGED = """
subscription DecisionChanged($model: String) {
  retrainingDecisionChanged(model: $model) {
    id previousAction trigger at decision {""" + DECISION_FIELDS + """ }
  }
}"""

#: An alert's fields: what `alerts` returns and each of `alert_events`' events carries under ``alert``.
ALERT_FIELDS = """
    id monitorName model { name } metric slice { field value } value threshold sampleCount severity state
    firedAt resolvedAt resolvedValue"""

ALERTS = """
query Alerts($model: String, $state: AlertState, $from: DateTime, $to: DateTime, $first: Int) {
  alerts(model: $model, state: $state, from: $from, to: $to, first: $first) {""" + ALERT_FIELDS + """
  }
}"""

ALERT_EVENTS = """
subscription AlertEvents($model: String) {
  alertEvents(model: $model) {
    id type at alert {""" + ALERT_FIELDS + """ }
  }
}"""

#: A monitor's fields with its last evaluation: what `monitor_changes` yields.
MONITOR_FIELDS = """id name model { name } status { evaluatedAt outcome error retryAt }"""

MONITORS = """query Monitors($model: String) { monitors(model: $model) { """ + MONITOR_FIELDS + """ } }"""

MONITOR_EVALUATED = """subscription MonitorEvaluated($model: String) { monitorEvaluated(model: $model) { """ + MONITOR_FIELDS + """ } }"""

#: The most alerts one `alerts` answer holds (the API's bound on `first`).
MAX_ALERTS = 1000

MODEL_TASK = """query ModelTask($model: String!) { model(name: $model) { task } }"""

REGISTER_MODEL = """
mutation RegisterModel($input: RegisterModelInput!) {
  registerModel(input: $input) { name registration { primaryMetric protectedSlices registeredAt } }
}"""

REGISTER_VERSION = """
mutation RegisterVersion($input: RegisterModelVersionInput!) {
  registerModelVersion(input: $input) {
    model version stage description createdAt metadata
    artifact { digest format size files { path digest size } }
  }
}"""


def time_value(value: Any, field: str) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return plain(value)
    if isinstance(value, str):
        return value
    if hasattr(value, "to_pydatetime"):
        return plain(value)
    raise bad_input(field, f"expected a datetime or an ISO 8601 string, got {type(value).__name__}")


def window_input(window: Any, field: str = "window") -> Optional[dict]:
    """`(from, to)`, `{"from": …, "to": …}` or None → TimeRangeInput (half-open [from, to))."""
    if window is None:
        return None
    if isinstance(window, dict):
        start, end = window.get("from"), window.get("to")
    elif isinstance(window, (tuple, list)) and len(window) == 2:
        start, end = window
    else:
        raise bad_input(field, "expected (from, to) or {'from': …, 'to': …}")
    return {"from": time_value(start, f"{field}.from"), "to": time_value(end, f"{field}.to")}


def slice_input(slice_: Any) -> Optional[dict]:
    """A SliceFilterInput as is, or `{"tags.country": "BR", …}` as the AND of equalities."""
    if slice_ is None:
        return None
    if not isinstance(slice_, dict):
        raise bad_input("slice", "expected a SliceFilterInput dict or {field: value}")
    if {"field", "and", "or", "not"} & slice_.keys():
        return slice_
    leaves = [{"field": k, "op": "EQ", "value": plain(v)} for k, v in slice_.items()]
    return leaves[0] if len(leaves) == 1 else {"and": leaves}


def enum_list(values: Any, field: str) -> List[str]:
    if isinstance(values, str):
        return [values]
    if not values:
        raise bad_input(field, "name at least one")
    return [str(v) for v in values]


def slice_rows(answer: Sequence[dict]) -> List[dict]:
    """sliceMetrics flattened: one row a slice, its key fields, counts, a column per metric and its test."""
    rows = []
    for entry in answer:
        row = {k["field"]: k["value"] for k in entry["key"]}
        row["sampleCount"], row["labeledCount"] = entry["sampleCount"], entry["labeledCount"]
        for v in entry["values"]:
            row[v["metric"]] = v["value"]
        for s in entry["significance"]:
            row[f"{s['metric']}.pValue"] = s["pValue"]
            row[f"{s['metric']}.worseThanRest"] = s["worseThanRest"]
        rows.append(row)
    return rows
