"""`Tideline(url, api_key)`: log predictions and feedback, ask how models are doing, register versions."""

from __future__ import annotations

import atexit
import logging
import weakref
from typing import Any, Callable, List, Optional, Sequence

from . import queries as q
from .artifacts import upload_files
from .datasets import download
from .errors import TidelineError, bad_input
from .frames import to_frame
from .producer import Batcher, Flusher, IngestResult, Rejection
from .records import PredictionColumns, feedback_record, iter_rows, prediction_record
from .subscriptions import LiveStream, follow_alerts, follow_decision, follow_monitors
from .transport import RetryPolicy, Transport

log = logging.getLogger("tideline")


class Tideline:
    """A client of one Tideline gateway, for the project its API key names.

    Records are batched: ``log_predictions`` and ``log_feedback`` queue them and
    send a batch when it reaches ``batch_size`` records or ``max_batch_bytes``
    (the call that fills it sends it: backpressure, so memory stays bounded), or
    when its oldest record is ``flush_interval`` seconds old (a background
    thread). Batches that get 429, 502, 503, 504 or no answer are sent again
    (``retry``: backoff honouring ``Retry-After``); the server drops a batch it
    already stored, so a retry never duplicates. A batch the server finds too
    large (413) is split in two. Records the server refuses are returned,
    kept in ``rejections`` (the latest 10,000) and passed to ``on_rejection``;
    a batch still failing after the last retry raises ``TidelineError`` (or,
    in the background, goes to ``on_error``) and its records are counted in
    ``dropped``. ``close()`` (or leaving a ``with`` block, or the interpreter
    exiting) sends what is queued.
    """

    def __init__(self, url: str, api_key: str, *, batch_size: int = 1000, max_batch_bytes: int = 4 * 1024 * 1024,
                 flush_interval: float = 1.0, retry: Optional[RetryPolicy] = None, timeout: float = 30.0,
                 on_rejection: Optional[Callable[[Rejection], None]] = None,
                 on_error: Optional[Callable[[TidelineError], None]] = None):
        if not url or not url.startswith(("http://", "https://")):
            raise bad_input("url", "expected the gateway's http(s):// URL, e.g. http://localhost:4000")
        if not api_key:
            raise bad_input("api_key", "an API key is required (Authorization: Bearer …)")
        for name, ok, need in (("batch_size", batch_size >= 1, "at least 1"),
                               ("max_batch_bytes", max_batch_bytes >= 1024, "at least 1024"),
                               ("flush_interval", flush_interval > 0, "above 0 seconds")):
            if not ok:
                raise bad_input(name, f"{name} must be {need}")
        self._transport = Transport(url, api_key, retry or RetryPolicy(), timeout)
        make = lambda kind, path: Batcher(kind, path, self._transport, batch_size, max_batch_bytes,  # noqa: E731
                                          on_rejection, keep_rejections=10_000)
        self._predictions = make("prediction", "/v1/predictions")
        self._feedback = make("feedback", "/v1/feedback")
        self._tasks: dict = {}
        self._flusher = Flusher([self._predictions, self._feedback], flush_interval,
                                on_error or (lambda err: log.error("tideline: a batch was dropped: %s", err)))
        self._flusher.start()
        self._closed = False
        # The interpreter exiting sends what is queued; a weak reference so the hook keeps no client alive.
        ref = weakref.ref(self)
        self._exit_hook = lambda: ref() is not None and ref().close()  # type: ignore[union-attr]
        atexit.register(self._exit_hook)

    # -- ingest ----------------------------------------------------------------------------------

    def log_predictions(self, rows: Any, *, model: Optional[str] = None, model_version: Optional[str] = None,
                        id_column: str = "id", score_column: Optional[str] = None, value_column: Optional[str] = None,
                        class_column: Optional[str] = None, probability_columns: Optional[dict] = None,
                        timestamp_column: Optional[str] = "timestamp", version_column: Optional[str] = None,
                        label_column: Optional[str] = None, tag_columns: Sequence[str] = (),
                        feature_columns: Optional[Sequence[str]] = None, wait: bool = False) -> IngestResult:
        """Queues predictions: a DataFrame, dicts, or one dict.

        A flat row is mapped by the column arguments: ``id_column`` → id, the
        output from ``score_column`` (binary; the default, column ``score``),
        ``value_column`` (regression) or ``class_column`` with
        ``probability_columns`` ({class: column}, multiclass); columns
        ``tags.<name>`` and ``tag_columns`` → tags, ``features.<name>`` and
        every other column (or only ``feature_columns``) → features;
        ``label_column`` → an inline label. A row that has an ``output`` is
        sent as the record it is. Returns what was sent during the call; with
        ``wait=True`` everything queued is sent first, so the result covers
        this call's records.
        """
        columns = PredictionColumns(id_column, score_column, value_column, class_column, probability_columns,
                                    timestamp_column, version_column, label_column, tag_columns, feature_columns)
        task = self._task(model) if label_column and model else None
        result = IngestResult()
        for row in iter_rows(rows):
            result.add(self._predictions.add(prediction_record(row, model, model_version, columns, task)))
        if wait:
            result.add(self._predictions.flush())
        return result

    def log_feedback(self, rows: Any, *, model: Optional[str] = None, prediction_id_column: str = "predictionId",
                     label_column: str = "label", timestamp_column: Optional[str] = None, task: Optional[str] = None,
                     wait: bool = False) -> IngestResult:
        """Queues ground truth, batched like predictions.

        A row's label may be a label object (``{"positive": True}``) or a plain
        value read by the model's task (asked of the server once; ``task`` says
        it when the model has no predictions yet): a boolean or 0/1 for BINARY,
        a class name for MULTICLASS, a number for REGRESSION.
        """
        task = task or (self._task(model) if model else None)
        result = IngestResult()
        for row in iter_rows(rows):
            result.add(self._feedback.add(feedback_record(row, model, prediction_id_column, label_column,
                                                          timestamp_column, task)))
        if wait:
            result.add(self._feedback.flush())
        return result

    def flush(self) -> IngestResult:
        """Sends every queued record now; returns what the server said about them."""
        result = self._predictions.flush()
        result.add(self._feedback.flush())
        return result

    def close(self) -> IngestResult:
        """Sends what is queued and stops the background sender. Idempotent."""
        if self._closed:
            return IngestResult()
        self._closed = True
        self._flusher.stop()
        atexit.unregister(self._exit_hook)
        return self.flush()

    def __enter__(self) -> "Tideline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def rejections(self) -> list:
        """The latest rejected records (at most 10,000), predictions then feedback."""
        return list(self._predictions.rejections) + list(self._feedback.rejections)

    @property
    def stats(self) -> dict:
        """Counters since the client started: records accepted, rejected, and dropped after the last retry."""
        return {kind: {"accepted": b.accepted, "rejected": b.rejected, "dropped": b.dropped}
                for kind, b in (("predictions", self._predictions), ("feedback", self._feedback))}

    def _task(self, model: str) -> Optional[str]:
        if model not in self._tasks:
            found = self.graphql(q.MODEL_TASK, {"model": model})["model"]
            if found is None:
                return None  # no predictions yet: not cached, the next call asks again
            self._tasks[model] = found["task"]
        return self._tasks[model]

    # -- queries ---------------------------------------------------------------------------------

    def graphql(self, query: str, variables: Optional[dict] = None, *, idempotent: Optional[bool] = None) -> dict:
        """Any GraphQL operation; returns ``data``, raises the first error as TidelineError.

        Queries are retried like ingest; a mutation only where the server cannot have run it (connection
        refused, 503), unless ``idempotent=True`` says running it twice is harmless.
        """
        return self._transport.graphql(query, variables, idempotent)

    def metric(self, model: str, metric: str, window: Any, *, granularity: Optional[str] = None, slice: Any = None,
               model_version: Optional[str] = None, average: Optional[str] = None, as_frame: Optional[bool] = None):
        """A metric over ``window`` ((from, to), half-open), one point per ``granularity`` bucket (HOUR, DAY, …).

        Returns the points (``from``, ``to``, ``value``, ``sampleCount``, ``labeledCount``): a DataFrame when
        pandas is installed, else a list of dicts.
        """
        data = self.graphql(q.METRIC, {"model": model, "metric": metric, "window": q.window_input(window),
                                       "granularity": granularity, "slice": q.slice_input(slice),
                                       "modelVersion": model_version, "average": average})
        return to_frame(data["metric"]["points"], as_frame)

    def slice_metrics(self, model: str, metrics: Any, window: Any, group_by: Any, *, slice: Any = None,
                      model_version: Optional[str] = None, min_samples: int = 1, average: Optional[str] = None,
                      as_frame: Optional[bool] = None):
        """Metrics per slice of ``group_by`` (e.g. ``"tags.country"``), worst first.

        One row a slice: its key fields as columns, ``sampleCount``, ``labeledCount``, one column per metric and,
        for metrics with a significance test, ``<METRIC>.pValue`` and ``<METRIC>.worseThanRest``.
        """
        data = self.graphql(q.SLICE_METRICS, {"model": model, "metrics": q.enum_list(metrics, "metrics"),
                                              "window": q.window_input(window),
                                              "groupBy": q.enum_list(group_by, "group_by"),
                                              "slice": q.slice_input(slice), "modelVersion": model_version,
                                              "minSamples": min_samples, "average": average})
        return to_frame(q.slice_rows(data["sliceMetrics"]), as_frame)

    def drift_report(self, model: str, features: Any, current: Any, *, reference: Any = None,
                     methods: Any = None, slice: Any = None, correction: str = "NONE", approximate: bool = False,
                     as_frame: Optional[bool] = None):
        """Drift of ``features`` between ``reference`` (default: the model's stored one) and ``current``.

        ``approximate=True``: numeric statistics from binned values, faster over millions of rows; the exact
        statistic lies within ``statistic ± errorBound`` (``errorBound`` is 0 for exact answers).
        """
        data = self.graphql(q.DRIFT_REPORT, {"model": model, "features": q.enum_list(features, "features"),
                                             "methods": None if methods is None else q.enum_list(methods, "methods"),
                                             "reference": q.window_input(reference, "reference"),
                                             "current": q.window_input(current, "current"),
                                             "slice": q.slice_input(slice), "correction": correction,
                                             "approximate": approximate})
        return to_frame(data["driftReport"], as_frame)

    def decision(self, model: str) -> dict:
        """The retraining decision: ``action`` (RETRAIN, PROMOTE, ROLLBACK, HOLD), ``confidence``, ``reasons``, …"""
        return self.graphql(q.DECISION, {"model": model})["retrainingDecision"]

    def decision_changes(self, model: str, *, read_timeout: float = 60.0) -> LiveStream:
        """The retraining decision now, then each time its action changes, live (``retrainingDecisionChanged``).

        Yields decisions shaped as ``decision`` returns them. A dropped stream (no bytes for ``read_timeout``
        seconds: the gateway sends a keep-alive every 12 s) is opened again with the ``retry`` backoff, and the
        decision asked again: a change made meanwhile is yielded then, and no change twice. Use it as a context
        manager or call ``close()``; a bad model name or key raises the API's TidelineError on the first ``next``.
        """
        return LiveStream(lambda control: follow_decision(self._transport, model, lambda: self.decision(model),
                                                          read_timeout, control))

    def alerts(self, model: Optional[str] = None, *, state: Optional[str] = None, since: Any = None,
               until: Any = None, first: int = 100) -> List[dict]:
        """Alerts that fired in [``since``, ``until``) (default: any time), newest first, at most ``first`` (up to
        1,000); ``state="FIRING"`` for those still firing. Each alert is a dict shaped as the API answers it
        (``id``, ``monitorName``, ``model``, ``metric``, ``slice``, ``value``, ``threshold``, ``state``, …)."""
        variables = {"model": model, "state": state, "first": first,
                     "from": None if since is None else q.time_value(since, "since"),
                     "to": None if until is None else q.time_value(until, "until")}
        return self.graphql(q.ALERTS, variables)["alerts"]

    def alert_events(self, model: Optional[str] = None, *, read_timeout: float = 60.0) -> LiveStream:
        """The alerts of ``model`` (or of every model) firing now, then each alert that fires or resolves, live.

        Yields events shaped as the ``alertEvents`` subscription pushes them: ``id``, ``type`` (FIRED or
        RESOLVED), ``at`` and the ``alert`` (as ``alerts`` returns it); the alerts already firing come first, as
        FIRED events. A dropped stream is opened again with the ``retry`` backoff and the firing alerts read
        again: an alert that fired or resolved meanwhile is yielded then, and no event twice. Use it as a context
        manager or call ``close()`` (from any thread); a bad key raises the API's TidelineError on the first ``next``.
        A model without alerts, or unknown, yields nothing until it has some.
        """
        listing = lambda state, since=None: self.alerts(model, state=state, since=since, first=q.MAX_ALERTS)  # noqa: E731
        return LiveStream(lambda control: follow_alerts(self._transport, model, listing, read_timeout, control))

    def monitor_changes(self, model: Optional[str] = None, *, read_timeout: float = 60.0) -> LiveStream:
        """The monitors of ``model`` (or of every model) failing now, then each whose last evaluation's outcome
        changes: ERROR or TIMED_OUT (with ``status.error``), or OK again. A failed evaluation fires no alert, so
        this is how a script learns that a monitor stopped watching. Yields monitors as ``monitors`` answers them
        (``id``, ``name``, ``model``, ``status``); a dropped stream is opened again and the monitors read again,
        so a change made meanwhile is yielded then. ``close()`` as ``alert_events``.
        """
        listing = lambda: self.graphql(q.MONITORS, {"model": model})["monitors"]  # noqa: E731
        return LiveStream(lambda control: follow_monitors(self._transport, model, listing, read_timeout, control))

    def download_dataset(self, dataset_id: str, split: Optional[str] = None, *, as_frame: Optional[bool] = None):
        """A curated dataset's rows (one split, or all): a DataFrame when pandas is installed, else dicts."""
        return download(self._transport, dataset_id, split, as_frame)

    def register_model_version(self, model: str, version: str, files: Any, *, format: Optional[str] = None,
                               metadata: Optional[dict] = None, dataset_id: Optional[str] = None,
                               description: Optional[str] = None, parent_version: Optional[str] = None,
                               training_run: Optional[dict] = None) -> dict:
        """Uploads an artifact's files (``POST /v1/artifacts``) and registers them as a new CANDIDATE version.

        ``files``: a directory (every file below it), a list of paths, or ``{path in artifact: local path or
        bytes}``. Each upload's digest is checked against the file's own sha256. Registering the same files
        again is a no-op; other files under an existing version raise ``VERSION_EXISTS``.
        """
        uploaded = upload_files(self._transport, files)
        artifact: dict = {"files": uploaded}
        if format:
            artifact["format"] = format
        payload = {"model": model, "version": version, "artifact": artifact, "metadata": metadata,
                   "datasetId": dataset_id, "description": description, "parentVersion": parent_version,
                   "trainingRun": training_run}
        # Idempotent: the same files under the same version are a no-op.
        data = self.graphql(q.REGISTER_VERSION, {"input": {k: v for k, v in payload.items() if v is not None}},
                            idempotent=True)
        return data["registerModelVersion"]

    def register_model(self, name: str, primary_metric: str, *, protected_slices: Optional[Sequence[str]] = None,
                       description: Optional[str] = None, owner: Optional[str] = None,
                       gate: Optional[dict] = None) -> dict:
        """Registers a model (or replaces its configuration): needed once before its first version."""
        payload = {"name": name, "primaryMetric": primary_metric, "protectedSlices": protected_slices,
                   "description": description, "owner": owner, "gate": gate}
        data = self.graphql(q.REGISTER_MODEL, {"input": {k: v for k, v in payload.items() if v is not None}},
                            idempotent=True)  # creates or replaces the same configuration
        return data["registerModel"]
