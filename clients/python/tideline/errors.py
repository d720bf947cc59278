"""Errors raised by the client: the API's stable codes, never a bare HTTP status."""

from __future__ import annotations

from typing import Any, Optional


class TidelineError(Exception):
    """An error answered by Tideline (or met on the way to it).

    ``code`` is one of the API's stable codes (``BAD_USER_INPUT``,
    ``MODEL_NOT_FOUND``, ``INGEST_BACKPRESSURE``, … — docs/API.md, Errors);
    ``field`` names the argument or input field at fault when there is one;
    ``status`` is the HTTP status (None for a connection failure) and
    ``request_id`` the id the server logged the request under.
    """

    def __init__(self, code: str, field: Optional[str], message: str, *, status: Optional[int] = None,
                 request_id: Optional[str] = None, extensions: Optional[dict] = None):
        super().__init__(f"{code}: {message}" + (f" (field {field})" if field else ""))
        self.code = code
        self.field = field
        self.message = message
        self.status = status
        self.request_id = request_id
        self.extensions = extensions or {}

    def __reduce__(self) -> Any:  # picklable, e.g. across multiprocessing
        return (_rebuild, (self.code, self.field, self.message, self.status, self.request_id, self.extensions))


def _rebuild(code, field, message, status, request_id, extensions):
    return TidelineError(code, field, message, status=status, request_id=request_id, extensions=extensions)


def bad_input(field: str, message: str) -> TidelineError:
    """A mistake in the caller's arguments, found before anything is sent."""
    return TidelineError("BAD_USER_INPUT", field, message)
