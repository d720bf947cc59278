"""Tideline's Python client: log predictions and ground truth, read metrics, drift, decisions and alerts.

    from tideline import Tideline

    with Tideline("http://localhost:4000", api_key) as tl:
        tl.log_predictions(df, model="churn", score_column="proba")
"""

from .client import Tideline
from .errors import TidelineError
from .producer import IngestResult, Rejection
from .subscriptions import DecisionChanges, LiveStream
from .transport import RetryPolicy

__all__ = ["Tideline", "TidelineError", "IngestResult", "Rejection", "RetryPolicy", "LiveStream", "DecisionChanges"]
__version__ = "0.1.0"
