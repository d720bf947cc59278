"""DataFrames in and out when pandas is installed; plain rows, and a clear error when asked for a frame, when not.

The suite runs wherever Python does, so each test checks the branch this interpreter has."""

import datetime as dt
import math
import unittest

from support import KEY, URL, raw_graphql, unique, wait_for_counts

from tideline import Tideline
from tideline.frames import pandas_or_none

pandas = pandas_or_none()
DAY = ("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")


def columns():
    """Typed columns as a notebook has them: timestamps, numpy floats with a NaN, booleans, strings."""
    n = 60
    return {
        "id": [f"f-{i}" for i in range(n)],
        "proba": [(i % 10) / 10 for i in range(n)],
        "timestamp": [dt.datetime(2026, 3, 1, i % 24, i % 60) for i in range(n)],
        "tags.country": ["BR" if i % 2 else "US" for i in range(n)],
        "x1": [math.nan if i == 7 else i / 4 for i in range(n)],
        "label": [i % 3 == 0 for i in range(n)],
    }


class Frames(unittest.TestCase):
    def setUp(self):
        self.tl = Tideline(URL, KEY)
        self.model = unique("py-frames")

    def tearDown(self):
        self.tl.close()

    def log(self):
        data = columns()
        rows = pandas.DataFrame(data) if pandas else [dict(zip(data, values)) for values in zip(*data.values())]
        result = self.tl.log_predictions(rows, model=self.model, score_column="proba", label_column="label", wait=True)
        self.assertEqual((result.accepted, result.rejected), (60, 0))
        wait_for_counts(self.model, 60, 60)

    def test_typed_rows_are_stored_with_utc_timestamps_and_nan_as_null(self):
        self.log()
        nodes = raw_graphql("""query($m: String!) { predictions(model: $m, first: 100) {
            nodes { id timestamp features label { positive } } } }""", {"m": self.model})["predictions"]["nodes"]
        by_id = {n["id"]: n for n in nodes}
        self.assertTrue(by_id["f-0"]["timestamp"].startswith("2026-03-01T00:00:00"))
        self.assertEqual(by_id["f-7"]["features"], {"x1": None})
        self.assertEqual(by_id["f-6"]["features"], {"x1": 1.5})
        self.assertEqual(by_id["f-3"]["label"], {"positive": True})

    def test_tables_come_back_as_frames_with_pandas_and_as_rows_without(self):
        self.log()
        table = self.tl.slice_metrics(self.model, ["ACCURACY"], DAY, "tags.country")
        rows = self.tl.slice_metrics(self.model, ["ACCURACY"], DAY, "tags.country", as_frame=False)
        self.assertEqual([r["tags.country"] for r in rows], ["BR", "US"] if rows[0]["tags.country"] == "BR" else ["US", "BR"])
        if pandas:
            self.assertIsInstance(table, pandas.DataFrame)
            self.assertEqual(table.to_dict("records"), rows)
            points = self.tl.metric(self.model, "COUNT", DAY)
            self.assertEqual(points["sampleCount"].tolist(), [60])
        else:
            self.assertEqual(table, rows)
            with self.assertRaises(ImportError) as raised:
                self.tl.metric(self.model, "COUNT", DAY, as_frame=True)
            self.assertIn("pandas", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
