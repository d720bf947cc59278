"""Curated datasets: `GET /v1/datasets/<id>?format=…&split=…`."""

from __future__ import annotations

import io
import json
import urllib.parse
from typing import Optional

from .errors import bad_input
from .frames import pandas_or_none, to_frame
from .transport import Transport

SPLITS = ("train", "validation", "test")


def _pyarrow_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def download(transport: Transport, dataset_id: str, split: Optional[str], as_frame: Optional[bool]):
    """Parquet read by pandas when pandas and pyarrow are installed (types kept); NDJSON otherwise."""
    if not dataset_id:
        raise bad_input("dataset_id", "name the dataset")
    if split is not None and split not in SPLITS:
        raise bad_input("split", f"expected one of {', '.join(SPLITS)}")
    parquet = as_frame is not False and pandas_or_none() is not None and _pyarrow_available()
    query = {"format": "parquet" if parquet else "ndjson"}
    if split:
        query["split"] = split
    path = f"/v1/datasets/{urllib.parse.quote(dataset_id, safe='')}?{urllib.parse.urlencode(query)}"
    body = transport.request("GET", path).body
    if parquet:
        return pandas_or_none().read_parquet(io.BytesIO(body))
    rows = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
    return to_frame(rows, as_frame)
