"""Rows (dicts or a pandas DataFrame) to the API's prediction and feedback records."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Sequence

from .errors import bad_input


def iter_rows(rows: Any) -> Iterator[dict]:
    """Dicts from a DataFrame (row by row, never copied whole), a list or iterable of dicts, or one dict."""
    if isinstance(rows, dict):
        yield rows
        return
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a pandas DataFrame, without importing pandas
        columns = [str(c) for c in rows.columns]
        for values in rows.itertuples(index=False, name=None):
            yield dict(zip(columns, values))
        return
    for row in rows:
        if not isinstance(row, dict):
            raise bad_input("rows", f"expected dicts or a DataFrame, got {type(row).__name__}")
        yield row


def plain(value: Any) -> Any:
    """A JSON value from numpy scalars, NaN/NaT (null) and datetimes (ISO 8601, UTC)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, int):
        return value
    if isinstance(value, dt.datetime):
        if value != value:  # pandas NaT (a datetime that is not equal to itself)
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat() + "T00:00:00Z"
    if hasattr(value, "item"):  # numpy scalar
        return plain(value.item())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


@dataclass
class PredictionColumns:
    """Which columns of a flat row make which part of a prediction record.

    Columns named ``tags.<name>`` and ``features.<name>`` go to tags and
    features; ``tag_columns`` lists more tag columns; every other column not
    named here is a feature (``feature_columns`` restricts that to a list).
    """

    id_column: str = "id"
    score_column: Optional[str] = None
    value_column: Optional[str] = None
    class_column: Optional[str] = None
    probability_columns: Optional[dict] = None
    timestamp_column: Optional[str] = "timestamp"
    version_column: Optional[str] = None
    label_column: Optional[str] = None
    tag_columns: Sequence[str] = ()
    feature_columns: Optional[Sequence[str]] = None
    used: set = field(default_factory=set)

    def __post_init__(self):
        if sum(c is not None for c in (self.score_column, self.value_column, self.class_column)) > 1:
            raise bad_input("score_column", "name one of score_column, value_column or class_column")
        if self.value_column is None and self.class_column is None:
            self.score_column = self.score_column or "score"
        probabilities = list((self.probability_columns or {}).values())
        self.used = {c for c in (self.id_column, self.score_column, self.value_column, self.class_column,
                                 self.timestamp_column, self.version_column, self.label_column) if c}
        self.used.update(self.tag_columns, probabilities)


def _output(row: dict, c: PredictionColumns) -> dict:
    if c.class_column:
        output = {"predictedClass": plain(row.get(c.class_column))}
        if c.probability_columns:
            output["probabilities"] = {cls: plain(row.get(col)) for cls, col in c.probability_columns.items()}
        return output
    if c.value_column:
        return {"value": plain(row.get(c.value_column))}
    return {"score": plain(row.get(c.score_column))}


def label_of(value: Any, task: Optional[str]) -> Optional[dict]:
    """A label object from a plain value: by the model's task when known, else by the value's type."""
    value = plain(value)
    if value is None or isinstance(value, dict):
        return value
    if task == "BINARY" or (task is None and isinstance(value, bool)):
        return {"positive": bool(value) if not isinstance(value, str) else value.lower() in ("true", "1", "yes")}
    if task == "MULTICLASS" or (task is None and isinstance(value, str)):
        return {"class": str(value)}
    return {"value": value}


def prediction_record(row: dict, model: str, model_version: Optional[str], c: PredictionColumns,
                      task: Optional[str]) -> dict:
    """One prediction. A row that already has an ``output`` is taken as a record, its model filled in."""
    if "output" in row:
        record = {k: plain(v) for k, v in row.items()}
        record.setdefault("model", model)
        if model_version and "modelVersion" not in record:
            record["modelVersion"] = model_version
        return record
    record: dict = {"id": plain(row.get(c.id_column)), "model": model, "output": _output(row, c)}
    if model_version or c.version_column:
        record["modelVersion"] = plain(row.get(c.version_column)) if c.version_column else model_version
    if c.timestamp_column and row.get(c.timestamp_column) is not None:
        record["timestamp"] = plain(row[c.timestamp_column])
    tags, features = {}, {}
    for name, value in row.items():
        if name in c.used and not name.startswith(("tags.", "features.")):
            continue
        if name.startswith("tags.") or name in c.tag_columns:
            if value is not None and plain(value) is not None:
                tags[name[5:] if name.startswith("tags.") else name] = str(plain(value))
        elif name.startswith("features."):
            features[name[9:]] = plain(value)
        elif c.feature_columns is None or name in c.feature_columns:
            features[name] = plain(value)
    if tags:
        record["tags"] = tags
    if features:
        record["features"] = features
    if c.label_column and plain(row.get(c.label_column)) is not None:
        record["label"] = label_of(row[c.label_column], task or _task_of(record["output"]))
    return record


def _task_of(output: dict) -> str:
    return "BINARY" if "score" in output else "REGRESSION" if "value" in output else "MULTICLASS"


def feedback_record(row: dict, model: str, prediction_id_column: str, label_column: str,
                    timestamp_column: Optional[str], task: Optional[str]) -> dict:
    """One feedback record. A row with ``predictionId`` and a ``label`` object is taken as it is."""
    if "predictionId" in row and isinstance(row.get("label"), dict):
        record = {k: plain(v) for k, v in row.items()}
        record.setdefault("model", model)
        return record
    record = {"predictionId": plain(row.get(prediction_id_column)), "model": model,
              "label": label_of(row.get(label_column), task)}
    if timestamp_column and row.get(timestamp_column) is not None:
        record["timestamp"] = plain(row[timestamp_column])
    return record


def record_ids(records: Iterable[dict]) -> list:
    return [r.get("id", r.get("predictionId")) for r in records]
