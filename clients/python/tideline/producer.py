"""Batches records for `/v1/predictions` and `/v1/feedback`, sends them with retries, reports rejections."""

from __future__ import annotations

import collections
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional

from .errors import TidelineError, bad_input
from .transport import Transport

log = logging.getLogger("tideline")

#: Statuses of a batch the server will not take at its size: split in two and send the halves.
TOO_LARGE = 413


@dataclass(frozen=True)
class Rejection:
    """A record the server refused: which one (`kind`, `model`, `record_id`), the field at fault and why."""

    kind: str  # "prediction" or "feedback"
    model: Optional[str]
    record_id: Optional[str]
    field: Optional[str]
    message: str


@dataclass
class IngestResult:
    """What the server said about the batches sent: records accepted, and each rejected one with its reason."""

    accepted: int = 0
    rejected: int = 0
    errors: List[Rejection] = field(default_factory=list)

    def add(self, other: "IngestResult") -> None:
        self.accepted += other.accepted
        self.rejected += other.rejected
        self.errors.extend(other.errors)


class Batcher:
    """One kind's buffer: records serialized on arrival, sent when a batch is full or old enough.

    Memory stays bounded by backpressure: the call that fills a batch (by
    ``batch_size`` records or ``max_batch_bytes``) sends it before returning, so
    a caller that produces faster than the server takes waits instead of
    piling records up. Batches are sent one at a time, in order.
    """

    def __init__(self, kind: str, path: str, transport: Transport, batch_size: int, max_batch_bytes: int,
                 on_rejection: Optional[Callable[[Rejection], None]], keep_rejections: int):
        self.kind, self.path, self.transport = kind, path, transport
        self.batch_size, self.max_batch_bytes = batch_size, max_batch_bytes
        self.on_rejection = on_rejection
        self.lines: List[bytes] = []
        self.ids: List[tuple] = []
        self.bytes = 0
        self.oldest: Optional[float] = None
        self.buffer_lock = threading.Lock()
        self.send_lock = threading.Lock()
        #: The latest rejections (at most `keep_rejections`); `rejected` counts them all.
        self.rejections: collections.deque = collections.deque(maxlen=keep_rejections)
        self.accepted = 0
        self.rejected = 0
        #: Records given up on after the last retry (raised to the caller or reported to on_error).
        self.dropped = 0

    def add(self, record: dict) -> IngestResult:
        """Queues one record; returns what was sent because its batch filled up (usually nothing)."""
        try:
            line = json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as err:
            raise bad_input("rows", f"{self.kind} {record.get('id', record.get('predictionId'))!r} is not JSON: {err}")
        if len(line) > self.max_batch_bytes:
            raise bad_input("rows", f"{self.kind} of {len(line)} bytes is larger than max_batch_bytes")
        with self.buffer_lock:
            if self.lines and self.bytes + len(line) + 1 > self.max_batch_bytes:
                full = self._take()
            else:
                full = None
            self.lines.append(line)
            self.ids.append((record.get("model"), record.get("id", record.get("predictionId"))))
            self.bytes += len(line) + 1
            self.oldest = self.oldest or time.monotonic()
            if full is None and len(self.lines) >= self.batch_size:
                full = self._take()
        return self._send(*full) if full else IngestResult()

    def _take(self):
        batch = (self.lines, self.ids)
        self.lines, self.ids, self.bytes, self.oldest = [], [], 0, None
        return batch

    def age(self) -> float:
        with self.buffer_lock:
            return 0.0 if self.oldest is None else time.monotonic() - self.oldest

    def flush(self) -> IngestResult:
        with self.buffer_lock:
            batch = self._take() if self.lines else None
        return self._send(*batch) if batch else IngestResult()

    def _send(self, lines: List[bytes], ids: List[tuple]) -> IngestResult:
        with self.send_lock:
            try:
                result = self._post(lines, ids)
            except TidelineError:
                self.dropped += len(lines)
                raise
        self.accepted += result.accepted
        self.rejected += result.rejected
        for rejection in result.errors:
            self.rejections.append(rejection)
            if self.on_rejection:
                self.on_rejection(rejection)
        return result

    def _post(self, lines: List[bytes], ids: List[tuple]) -> IngestResult:
        body = b"\n".join(lines) + b"\n"
        # 200: some accepted; 400 with an IngestResult: every record rejected — both are answers, not failures.
        ok = lambda r: r.status == 200 or (r.status == 400 and b'"accepted"' in r.body)  # noqa: E731
        try:
            response = self.transport.request("POST", self.path, body, {"content-type": "application/x-ndjson"}, accept=ok)
        except TidelineError as err:
            if err.status == TOO_LARGE and len(lines) > 1:
                half = len(lines) // 2
                result = self._post(lines[:half], ids[:half])
                result.add(self._post(lines[half:], ids[half:]))
                return result
            raise
        try:
            payload = response.json()
            accepted, rejected = payload["accepted"], payload["rejected"]
        except (ValueError, KeyError, TypeError):
            raise TidelineError("INTERNAL_SERVER_ERROR", None, f"{self.path} answered {response.status} without an IngestResult",
                                status=response.status, request_id=response.headers.get("x-request-id")) from None
        errors = []
        for e in payload.get("errors") or []:
            model, record_id = ids[e["index"]] if 0 <= e["index"] < len(ids) else (None, None)
            errors.append(Rejection(self.kind, model, record_id, e.get("field"), e["message"]))
        return IngestResult(accepted, rejected, errors)


class Flusher(threading.Thread):
    """Sends batches older than `interval` seconds: a trickle of records still leaves within about that time."""

    def __init__(self, batchers: List[Batcher], interval: float, on_error: Callable[[TidelineError], None]):
        super().__init__(name="tideline-flusher", daemon=True)
        self.batchers, self.interval, self.on_error = batchers, interval, on_error
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval / 4):
            for batcher in self.batchers:
                if batcher.age() >= self.interval:
                    try:
                        batcher.flush()
                    except Exception as err:  # noqa: BLE001 — the thread must outlive any one batch
                        self.on_error(err if isinstance(err, TidelineError)
                                      else TidelineError("INTERNAL_SERVER_ERROR", None, f"sending a batch failed: {err!r}"))

    def stop(self) -> None:
        self.stopped.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join()
