"""pandas when it is installed, plain lists of dicts when it is not."""

from __future__ import annotations

from typing import List, Optional


def pandas_or_none():
    try:
        import pandas  # noqa: WPS433 (optional dependency)
    except ImportError:
        return None
    return pandas


def to_frame(rows: List[dict], as_frame: Optional[bool]):
    """A DataFrame of ``rows`` when pandas is installed (or ``as_frame=True``), else the rows themselves."""
    if as_frame is False:
        return rows
    pandas = pandas_or_none()
    if pandas is None:
        if as_frame:
            raise ImportError("as_frame=True needs pandas: pip install pandas")
        return rows
    return pandas.DataFrame.from_records(rows)
