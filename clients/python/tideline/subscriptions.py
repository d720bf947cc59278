"""Live decisions: the gateway's `retrainingDecisionChanged` subscription over Server-Sent Events.

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
from typing import Callable, Iterator, Optional

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

    def close(self) -> None:
        # Closing the socket is what tells the gateway to end the subscription.
        if self._response is not None:
            self._response.close()
        self._conn.close()


def follow_decision(transport: Transport, model: str, current: Callable[[], dict],
                    read_timeout: float) -> Iterator[dict]:
    """The decision now, then each change; reopens a dropped stream with the transport's backoff.

    The current decision is asked once the stream is open, so no change falls between the two; after a
    reconnection it is asked again and yielded only when its action differs from the last one yielded
    (a change made while the stream was down arrives that way, once). A change whose id was seen, or
    whose action is the one just yielded (the answer already showed it), is dropped.
    """
    last_action: Optional[str] = None
    seen: collections.OrderedDict = collections.OrderedDict()
    failures = 0
    while True:
        stream: Optional[EventStream] = None
        dropped: Exception = StreamDropped("the stream ended")
        try:
            stream = EventStream(transport, q.DECISION_CHANGED, {"model": model}, read_timeout)
            now = current()
            failures = 0  # open and answering: the next drop starts the backoff again
            if now["action"] != last_action:
                last_action = now["action"]
                yield now
            for payload in stream.events():
                if payload.get("errors"):
                    raise graphql_error(payload["errors"][0], 200, stream.request_id)
                change = payload["data"]["retrainingDecisionChanged"]
                if change["id"] in seen:
                    continue
                seen[change["id"]] = True
                if len(seen) > SEEN_IDS:
                    seen.popitem(last=False)
                if change["decision"]["action"] != last_action:
                    last_action = change["decision"]["action"]
                    yield change["decision"]
        except TidelineError as err:
            if err.status not in RETRYABLE_STATUSES:
                raise
            dropped = err
        except (StreamDropped, OSError, http.client.HTTPException, socket.timeout) as err:
            dropped = err
        finally:
            if stream is not None:
                stream.close()
        failures += 1
        if failures > transport.retry.max_retries:
            raise TidelineError("UNAVAILABLE", None,
                                f"the decision stream of {model!r} could not be kept open after {failures} attempts: {dropped}")
        time.sleep(transport.retry.delay(failures, None))


class DecisionChanges:
    """An iterator of a model's retraining decisions, live; ``close()`` (or leaving a ``with`` block) ends it."""

    def __init__(self, follow: Iterator[dict]):
        self._follow = follow

    def __iter__(self) -> "DecisionChanges":
        return self

    def __next__(self) -> dict:
        return next(self._follow)

    def close(self) -> None:
        """Closes the stream (the generator's ``finally`` closes its socket). Idempotent."""
        self._follow.close()  # type: ignore[attr-defined]

    def __enter__(self) -> "DecisionChanges":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
