"""HTTP to the gateway with the standard library: authentication, error decoding, retries with backoff."""

from __future__ import annotations

import http.client
import json
import random
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable, Optional

from .errors import TidelineError

#: Statuses after which the same request may succeed: backpressure, a store or service not reachable now.
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})


@dataclass
class RetryPolicy:
    """How failed requests are retried.

    A request that got 429, 502, 503 or 504, or no answer at all, is sent again
    up to ``max_retries`` times. The wait before retry *n* is the server's
    ``Retry-After`` when it sent one, otherwise ``base_delay × 2^(n−1)`` with
    ±20 % jitter, at most ``max_delay`` seconds.
    """

    max_retries: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, retry: int, retry_after: Optional[float]) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        backoff = self.base_delay * (2 ** (retry - 1))
        return min(backoff * random.uniform(0.8, 1.2), self.max_delay)


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body else None


def _retry_after(headers: dict) -> Optional[float]:
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None  # an HTTP date: fall back to the client's own backoff


def error_of(response: Response) -> TidelineError:
    """The API's error in a non-2xx answer: `/v1` answers `{error: {code, message}}`, `/graphql` `{errors: [...]}`."""
    try:
        payload = response.json()
    except ValueError:
        payload = None
    request_id = response.headers.get("x-request-id")
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        err = payload["error"]
        return TidelineError(err.get("code", "INTERNAL_SERVER_ERROR"), err.get("field"), err.get("message", ""),
                             status=response.status, request_id=err.get("requestId", request_id))
    if isinstance(payload, dict) and payload.get("errors"):
        return graphql_error(payload["errors"][0], response.status, request_id)
    text = response.body[:200].decode("utf-8", "replace")
    return TidelineError("INTERNAL_SERVER_ERROR", None, f"HTTP {response.status}: {text}", status=response.status,
                         request_id=request_id)


def graphql_error(error: dict, status: Optional[int], request_id: Optional[str]) -> TidelineError:
    ext = error.get("extensions") or {}
    return TidelineError(ext.get("code", "INTERNAL_SERVER_ERROR"), ext.get("field"), error.get("message", ""),
                         status=status, request_id=ext.get("requestId", request_id), extensions=ext)


class Transport:
    """Requests to one Tideline gateway with one API key."""

    def __init__(self, url: str, api_key: str, retry: RetryPolicy, timeout: float):
        self.base = url.rstrip("/")
        self.api_key = api_key
        self.retry = retry
        self.timeout = timeout

    def headers(self, extra: dict) -> dict:
        """The headers of every request: the key, who is asking, then `extra`."""
        return {"authorization": f"Bearer {self.api_key}", "user-agent": "tideline-python/0.1", **extra}

    def send_once(self, method: str, path: str, body: bytes | None, headers: dict) -> Response:
        """One attempt; a connection failure raises OSError (urllib.error.URLError is one)."""
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=self.headers(headers))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
        except urllib.error.HTTPError as answer:
            with answer:
                return Response(answer.code, {k.lower(): v for k, v in answer.headers.items()}, answer.read())

    def request(self, method: str, path: str, body: bytes | None = None, headers: Optional[dict] = None,
                accept: Callable[[Response], bool] = lambda r: 200 <= r.status < 300,
                idempotent: bool = True) -> Response:
        """Sends until an answer that `accept`s or is not retryable; raises TidelineError otherwise.

        Requests that are safe to repeat (ingest batches: the server drops a batch sent again; queries;
        registrations of the same content) are retried on every retryable failure. Others are retried
        only when the server cannot have acted: the connection was refused, or the answer was 503
        (the gateway not serving yet, ingest not accepting).
        """
        headers = headers or {}
        retry = 0
        while True:
            try:
                response = self.send_once(method, path, body, headers)
            except (OSError, http.client.HTTPException) as err:  # no answer: refused, reset, timed out, cut short
                unsent = isinstance(getattr(err, "reason", err), ConnectionRefusedError)
                if retry >= self.retry.max_retries or not (idempotent or unsent):
                    # The one code the client makes itself: there was no answer to take a code from.
                    raise TidelineError("UNAVAILABLE", None, f"no answer from {self.base} after {retry + 1} attempts: {err}") from err
                retry += 1
                time.sleep(self.retry.delay(retry, None))
                continue
            if accept(response):
                return response
            retryable = response.status in RETRYABLE_STATUSES and (idempotent or response.status == 503)
            if not retryable or retry >= self.retry.max_retries:
                raise error_of(response)
            retry += 1
            time.sleep(self.retry.delay(retry, _retry_after(response.headers)))

    def graphql(self, query: str, variables: Optional[dict] = None, idempotent: Optional[bool] = None) -> dict:
        """`data` of one operation; the first error raised as TidelineError with its code and field.

        A query is retried like any safe request; a mutation only where it cannot have run, unless the
        caller says it is idempotent.
        """
        # Unset arguments are left out rather than sent as null, so the schema's defaults apply.
        given = {k: v for k, v in (variables or {}).items() if v is not None}
        body = json.dumps({"query": query, "variables": given}).encode("utf-8")
        # GraphQL answers 200 with `errors` for most failures, 400 for a malformed operation: both are decoded below.
        if idempotent is None:
            idempotent = not query.lstrip().startswith("mutation")
        response = self.request("POST", "/graphql", body, {"content-type": "application/json"},
                                accept=lambda r: r.status < 500 and r.status not in RETRYABLE_STATUSES,
                                idempotent=idempotent)
        try:
            payload = response.json() if response.body else {}
        except ValueError:
            raise error_of(response) from None
        if payload.get("errors"):
            raise graphql_error(payload["errors"][0], response.status, response.headers.get("x-request-id"))
        if response.status >= 400:
            raise error_of(response)
        return payload["data"]
