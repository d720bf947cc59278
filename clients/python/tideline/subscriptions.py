"""Live decisions and alerts: the gateway's `retrainingDecisionChanged` and `alertEvents` subscriptions over
Server-Sent Events.

Standard library only: one streaming `POST /graphql` (`accept: text/event-stream`) read line by line with
http.client, opened again with backoff when the network or the gateway drops it.
"""

from __future__ import annotations

import collections
import http.client
import json
import socket
import time
import urllib.parse
from typing import Callable, Iterator, List, Optional

from . import queries as q
from .errors import TidelineError
from .transport import RETRYABLE_STATUSES, Response, Transport, error_of, graphql_error

#: Event ids remembered to drop one delivered again (the gateway does not replay; this is belt and braces).
SEEN_IDS = 1000


class StreamDropped(Exception):
    """The event stream ended: reset, cut, silent past the read timeout, or completed by a stopping gateway."""


class EventStream:
    """One open subscription: its Server-Sent Events' `data`, decoded."""

    def __init__(self, transport: Transport, query: str, variables: dict, read_timeout: float):
        url = urllib.parse.urlsplit(transport.base)
        kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        self._conn = kind(url.hostname, url.port, timeout=read_timeout)
        self._response: Optional[http.client.HTTPResponse] = None
        body = json.dumps({"query": query, "variables": variables}).encode("utf-8")
        try:
            self._conn.request("POST", url.path.rstrip("/") + "/graphql", body=body, headers=transport.headers({
                "content-type": "application/json", "accept": "text/event-stream"}))
            response = self._conn.getresponse()
        except BaseException:
            self._conn.close()
            raise
        headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status != 200 or "text/event-stream" not in headers.get("content-type", ""):
            answer = Response(response.status, headers, response.read())
            self.close()
            raise error_of(answer)
        self._response = response
        self.request_id = headers.get("x-request-id")

    def events(self) -> Iterator[dict]:
        """Each `next` event's payload; raises StreamDropped when the stream breaks or the gateway ends it.

        This subscription never completes on its own: a `complete` means the gateway is stopping (a restart),
        which is a drop to the caller, who reopens against the next gateway."""
        data: list = []
        event = "message"
        assert self._response is not None
        while True:
            try:
                raw = self._response.readline()
            except (OSError, http.client.HTTPException, ValueError) as err:  # reset, timed out, closed under us
                raise StreamDropped(str(err)) from err
            if not raw:
                raise StreamDropped("the gateway closed the stream")
            line = raw.decode("utf-8").rstrip("\r\n")
            if line:
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" ") if line.startswith("data: ") else line[5:])
                continue  # comments (":" keep-alives) and other fields are skipped
            if event == "complete":
                raise StreamDropped("the gateway ended the subscription")
            if data:
                yield json.loads("\n".join(data))
            data, event = [], "message"

    def interrupt(self) -> None:
        """From another thread: shuts the socket down under a read blocked on it, which then ends as a drop
        (closing the response there would race http.client in the reading thread)."""
        sock = self._conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

    def close(self) -> None:
        # Closing the socket is what tells the gateway to end the subscription.
        if self._response is not None:
            self._response.close()
        self._conn.close()


class Seen:
    """Event ids already yielded, the latest `SEEN_IDS` of them: `add` is False for one seen before."""

    def __init__(self):
        self._ids: collections.OrderedDict = collections.OrderedDict()

    def add(self, event_id: str) -> bool:
        if event_id in self._ids:
            return False
        self._ids[event_id] = True
        if len(self._ids) > SEEN_IDS:
            self._ids.popitem(last=False)
        return True


class Control:
    """What `LiveStream.close()` reaches from any thread: the stream open now, and whether to stop."""

    def __init__(self):
        self.stream: Optional[EventStream] = None
        self.stopped = False


def follow(transport: Transport, query: str, variables: dict, what: str, opened: Callable[[], List[dict]],
           received: Callable[[dict], List[dict]], read_timeout: float, control: Control) -> Iterator[dict]:
    """A subscription kept open: after each (re)opening, what `opened()` returns (the state now, asked once the
    stream is open so nothing falls between the two), then for each event's `data` what `received` returns.

    A dropped stream is opened again with the transport's backoff; after `max_retries` failed attempts in a row
    it raises UNAVAILABLE naming `what`. The API's errors that no retry can mend are raised as they come. Once
    `control.stopped`, it ends instead of opening the stream again.
    """
    failures = 0
    while not control.stopped:
        stream: Optional[EventStream] = None
        dropped: Exception = StreamDropped("the stream ended")
        try:
            stream = control.stream = EventStream(transport, query, variables, read_timeout)
            caught_up = opened()
            failures = 0  # open and answering: the next drop starts the backoff again
            yield from caught_up
            for payload in stream.events():
                if payload.get("errors"):
                    raise graphql_error(payload["errors"][0], 200, stream.request_id)
                yield from received(payload["data"])
        except TidelineError as err:
            if err.status not in RETRYABLE_STATUSES:
                raise
            dropped = err
        except (StreamDropped, OSError, http.client.HTTPException, socket.timeout) as err:
            dropped = err
        finally:
            if stream is not None:
                stream.close()
        if control.stopped:
            return
        failures += 1
        if failures > transport.retry.max_retries:
            raise TidelineError("UNAVAILABLE", None,
                                f"the {what} could not be kept open after {failures} attempts: {dropped}")
        time.sleep(transport.retry.delay(failures, None))


def follow_decision(transport: Transport, model: str, current: Callable[[], dict], read_timeout: float,
                    control: Control) -> Iterator[dict]:
    """The decision now, then each change of its action.

    After a reconnection the decision is asked again and yielded only when its action differs from the last
    one yielded (a change made while the stream was down arrives that way, once). A change whose id was seen,
    or whose action is the one just yielded (the answer already showed it), is dropped.
    """
    last: dict = {"action": None}
    seen = Seen()

    def opened() -> List[dict]:
        now = current()
        if now["action"] == last["action"]:
            return []
        last["action"] = now["action"]
        return [now]

    def received(data: dict) -> List[dict]:
        change = data["retrainingDecisionChanged"]
        if not seen.add(change["id"]) or change["decision"]["action"] == last["action"]:
            return []
        last["action"] = change["decision"]["action"]
        return [change["decision"]]

    return follow(transport, q.DECISION_CHANGED, {"model": model}, f"decision stream of {model!r}",
                  opened, received, read_timeout, control)


def alert_event(kind: str, alert: dict) -> dict:
    """An alert event as the subscription pushes it, for an alert read from `alerts`."""
    return {"id": f"{alert['id']}.{kind}", "type": kind,
            "at": alert["firedAt"] if kind == "FIRED" else alert["resolvedAt"], "alert": alert}


def follow_alerts(transport: Transport, model: Optional[str], list_alerts: Callable[..., List[dict]],
                  read_timeout: float, control: Control) -> Iterator[dict]:
    """The alerts firing now (as FIRED events, oldest first), then each event pushed.

    After a reconnection the firing alerts are read again: one that fired while the stream was down is yielded
    FIRED, and one yielded FIRED that no longer fires is yielded RESOLVED, each once (an event whose id was
    yielded is dropped). A RESOLVED is yielded only for an alert that was yielded FIRED.
    """
    firing: dict = {}  # alert id → the alert, for each one yielded FIRED and not yet RESOLVED
    seen = Seen()

    def fresh(event: dict) -> List[dict]:
        if not seen.add(event["id"]):
            return []
        alert = event["alert"]
        if event["type"] == "FIRED":
            firing[alert["id"]] = alert
        elif firing.pop(alert["id"], None) is None:
            return []  # resolved before it was reported firing: the caller never heard of it
        return [event]

    def opened() -> List[dict]:
        now = {a["id"]: a for a in list_alerts(state="FIRING")}
        events = [e for a in sorted(now.values(), key=lambda a: a["firedAt"]) for e in fresh(alert_event("FIRED", a))]
        gone = [alert_id for alert_id in firing if alert_id not in now]
        if gone:
            since = min(firing[alert_id]["firedAt"] for alert_id in gone)
            resolved = {a["id"]: a for a in list_alerts(state="RESOLVED", since=since)}
            for alert_id in gone:
                if alert_id in resolved:
                    events += fresh(alert_event("RESOLVED", resolved[alert_id]))
                else:
                    firing.pop(alert_id)  # no longer listed (past the last MAX_ALERTS resolved since)
        return events

    return follow(transport, q.ALERT_EVENTS, {"model": model},
                  f"alert stream of {model!r}" if model else "alert stream", opened,
                  lambda data: fresh(data["alertEvents"]), read_timeout, control)


def follow_monitors(transport: Transport, model: Optional[str], list_monitors: Callable[[], List[dict]],
                    read_timeout: float, control: Control) -> Iterator[dict]:
    """Each monitor whose last evaluation's outcome changes (ERROR, TIMED_OUT, or OK again; one never seen counts
    as OK before), not one per evaluation: on each (re)opening from `monitors`, then from each evaluation pushed."""
    outcomes: dict = {}

    def changed(monitor: dict) -> List[dict]:
        if not monitor.get("status"):
            return []  # not evaluated yet
        before = outcomes.get(monitor["id"], "OK")
        outcomes[monitor["id"]] = monitor["status"]["outcome"]
        return [] if monitor["status"]["outcome"] == before else [monitor]

    return follow(transport, q.MONITOR_EVALUATED, {"model": model},
                  f"monitor stream of {model!r}" if model else "monitor stream",
                  lambda: [m for monitor in list_monitors() for m in changed(monitor)],
                  lambda data: changed(data["monitorEvaluated"]), read_timeout, control)


class LiveStream:
    """An iterator of live events (``decision_changes``, ``alert_events``); ``close()`` (or leaving a ``with``
    block) ends it, from any thread."""

    def __init__(self, follow: Callable[[Control], Iterator[dict]]):
        self._control = Control()
        self._follow = follow(self._control)

    def __iter__(self) -> "LiveStream":
        return self

    def __next__(self) -> dict:
        return next(self._follow)

    def close(self) -> None:
        """Closes the stream's socket, which ends the subscription at the gateway; a ``next`` waiting on another
        thread then raises StopIteration there. Idempotent."""
        self._control.stopped = True
        if self._control.stream is not None:
            self._control.stream.interrupt()
        try:
            self._follow.close()  # type: ignore[attr-defined]
        except ValueError:
            pass  # running on another thread, blocked in `next`: the closed socket ends it there

    def __enter__(self) -> "LiveStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: The name ``decision_changes``' stream had before alert events shared it.
DecisionChanges = LiveStream
