"""What the tests share: the platform under test, a GraphQL call independent of the client, and waiting."""

from __future__ import annotations

import http.server
import json
import os
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

URL = os.environ.get("TIDELINE_URL", "")
KEY = os.environ.get("TIDELINE_KEY", "")
if not URL or not KEY:
    raise RuntimeError("set TIDELINE_URL and TIDELINE_KEY to a running Tideline (clients/python/python.test.ts does)")


def unique(prefix: str) -> str:
    """A model name no other test uses: every test owns its model."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def raw_graphql(query: str, variables: dict | None = None, key: str = KEY) -> dict:
    """The API's own answer, asked with urllib rather than the client: what the client's results are checked against."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"{URL}/graphql", data=body, method="POST", headers={
        "authorization": f"Bearer {key}", "content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        payload = json.loads(answer.read())
    if payload.get("errors"):
        raise AssertionError(f"GraphQL errors: {payload['errors']}")
    return payload["data"]


def eventually(check, timeout: float = 60.0, interval: float = 0.2):
    """Calls `check` until it returns a truthy value (returned) or the timeout passes (its last error raised)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
            last = AssertionError(f"still {value!r} after {timeout} s")
        except AssertionError as err:
            last = err
        if time.monotonic() > deadline:
            raise last
        time.sleep(interval)


def model_counts(model: str) -> dict:
    found = raw_graphql("query($m: String!) { model(name: $m) { predictionCount labeledCount } }", {"m": model})["model"]
    return found or {"predictionCount": 0, "labeledCount": 0}


def wait_for_counts(model: str, predictions: int, labeled: int | None = None) -> dict:
    def reached():
        counts = model_counts(model)
        return counts if counts["predictionCount"] == predictions and labeled in (None, counts["labeledCount"]) else None
    return eventually(reached)


def log_labeled(model: str, rows: list) -> None:
    """Logs rows with an inline `label` column through the client and waits until the store holds them all."""
    from tideline import Tideline  # after the path is set above

    with Tideline(URL, KEY) as tl:
        result = tl.log_predictions(rows, model=model, label_column="label", wait=True)
    assert (result.accepted, result.rejected) == (len(rows), 0), result
    wait_for_counts(model, len(rows), len(rows))


class FaultyProxy:
    """A real HTTP server in front of the platform that answers the first `failures` requests itself
    (`status`, with `Retry-After` when given) and forwards the others, recording every answer's status:
    a 503 or a given Retry-After cannot be called up from the platform on cue."""

    def __init__(self, failures: int = 0, status: int = 503, retry_after: str | None = None):
        self.failures, self.status, self.retry_after = failures, status, retry_after
        self.arrivals: list = []
        #: The status of every answer, the platform's included.
        self.statuses: list = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                proxy.arrivals.append((time.monotonic(), self.path, len(body)))
                if len(proxy.arrivals) <= proxy.failures:
                    code = {429: "INGEST_BACKPRESSURE", 502: "BAD_GATEWAY"}.get(proxy.status, "INGEST_UNAVAILABLE")
                    payload = json.dumps({"accepted": 0, "rejected": 0, "errors": [], "error": {
                        "code": code, "message": "injected by the test's proxy"}}).encode()
                    proxy.statuses.append(proxy.status)
                    self.send_response(proxy.status)
                    if proxy.retry_after:
                        self.send_header("retry-after", proxy.retry_after)
                    self._reply(payload, {"content-type": "application/json"})
                    return
                forwarded = urllib.request.Request(URL + self.path, data=body, method="POST", headers={
                    k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")})
                try:
                    with urllib.request.urlopen(forwarded, timeout=60) as answer:
                        status, headers, payload = answer.status, answer.headers, answer.read()
                except urllib.error.HTTPError as answer:
                    status, headers, payload = answer.code, answer.headers, answer.read()
                proxy.statuses.append(status)
                self.send_response(status)
                extra = {"retry-after": headers["retry-after"]} if headers.get("retry-after") else {}
                self._reply(payload, {"content-type": headers.get("content-type", "application/json"), **extra})

            def _reply(self, payload: bytes, headers: dict):
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):  # quiet
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class CuttableProxy:
    """A real TCP forwarder in front of the platform whose open connections the test can cut: a stream
    dropped by the network (a restarted load balancer, a lost Wi-Fi) cannot be called up from the platform."""

    def __init__(self):
        target = urllib.parse.urlsplit(URL)
        self.target = (target.hostname, target.port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.lock = threading.Lock()
        #: Open connections (client side, platform side), and how many asked for an event stream.
        self.open: list = []
        self.streams = 0
        #: While set, each new connection is closed as soon as it is accepted (the platform is unreachable).
        self.refusing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self.refusing:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.open.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b, (client, upstream)), daemon=True).start()

    def _pipe(self, source, sink, pair):
        try:
            first = True
            while chunk := source.recv(65536):
                if first and source is pair[0] and b"text/event-stream" in chunk.lower():
                    with self.lock:
                        self.streams += 1
                first = False
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            self._drop(pair)

    def _drop(self, pair):
        with self.lock:
            if pair in self.open:
                self.open.remove(pair)
        for s in pair:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def cut(self) -> int:
        """Resets every open connection; returns how many there were."""
        with self.lock:
            pairs = list(self.open)
        for pair in pairs:
            self._drop(pair)
        return len(pairs)

    def close(self):
        self.listener.close()
        self.cut()


class NextSoon:
    """`next(events)` started on a thread at once, so the stream opens now and an event that never arrives fails
    the test instead of hanging it."""

    def __init__(self, events):
        self.box: list = []
        self.thread = threading.Thread(target=self._next, args=(events,), daemon=True)
        self.thread.start()

    def _next(self, events):
        try:
            self.box.append(next(events))
        except StopIteration as end:
            self.box.append(end)

    def result(self, timeout: float = 60.0) -> dict:
        self.thread.join(timeout)
        if not self.box:
            raise AssertionError(f"nothing came within {timeout} s")
        return self.box[0]
