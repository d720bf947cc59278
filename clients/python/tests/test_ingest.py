"""Logging predictions and feedback: batches, per-record rejections, retries, flushing."""

import unittest

from support import KEY, URL, FaultyProxy, eventually, model_counts, raw_graphql, unique, wait_for_counts

from tideline import RetryPolicy, Tideline, TidelineError


def flat_rows(n, start=0, bad=()):
    """Flat rows as a notebook has them: id, score, a timestamp, tag and feature columns, a label."""
    return [{
        "id": f"p-{i}",
        "score": 1.7 if i in bad else round((i * 37 % 100) / 100, 2),
        "timestamp": f"2026-01-01T{i % 24:02d}:{i % 60:02d}:00Z",
        "tags.country": "BR" if i % 3 else "US",
        "x1": (i * 13 % 50) / 10,
        "plan": "pro" if i % 2 else "free",
        "churned": i % 4 == 0,
    } for i in range(start, start + n)]


class LogPredictions(unittest.TestCase):
    def test_batches_store_every_valid_record_and_return_the_bad_one_with_its_field(self):
        model = unique("py-ingest")
        seen = []
        with Tideline(URL, KEY, batch_size=100, on_rejection=seen.append) as tl:
            result = tl.log_predictions(flat_rows(250, bad={123}), model=model, label_column="churned", wait=True)
        self.assertEqual(result.accepted, 249)
        self.assertEqual(result.rejected, 1)
        [rejection] = result.errors
        self.assertEqual((rejection.kind, rejection.model, rejection.record_id, rejection.field),
                         ("prediction", model, "p-123", "output.score"))
        self.assertIn("probability", rejection.message)
        self.assertEqual(seen, [rejection])
        self.assertEqual(tl.rejections, [rejection])
        self.assertEqual(tl.stats["predictions"], {"accepted": 249, "rejected": 1, "dropped": 0})
        wait_for_counts(model, 249, 249)
        # Columns went where the mapping says: tags, features, output, inline label.
        page = raw_graphql("""query($m: String!) { predictions(model: $m, first: 1,
            slice: { field: "tags.country", op: EQ, value: "US" }) {
            nodes { id timestamp tags features output { score } label { positive } } } }""", {"m": model})
        node = page["predictions"]["nodes"][0]
        self.assertEqual(node["id"], "p-0")
        self.assertEqual(node["tags"], {"country": "US"})
        self.assertEqual(node["features"], {"x1": 0, "plan": "free"})
        self.assertEqual((node["output"]["score"], node["label"]["positive"]), (0, True))

    def test_multiclass_and_regression_columns_and_ready_made_records(self):
        classes, values, own = unique("py-multi"), unique("py-reg"), unique("py-own")
        with Tideline(URL, KEY) as tl:
            multi = tl.log_predictions([{"id": "m1", "cls": "b", "pa": 0.2, "pb": 0.8, "truth": "a"}], model=classes,
                                       class_column="cls", probability_columns={"a": "pa", "b": "pb"}, label_column="truth")
            reg = tl.log_predictions([{"id": "r1", "yhat": 3.5, "y": 4.0},
                                      {"id": "r2", "model": own, "output": {"value": 1.25}, "tags": {"k": "v"}}],
                                     model=values, value_column="yhat", label_column="y", wait=True)
        self.assertEqual((multi.accepted, reg.accepted, reg.rejected), (0, 3, 0))  # m1 left in the first flush
        wait_for_counts(classes, 1, 1)
        wait_for_counts(values, 1, 1)
        m1 = raw_graphql('query($m: String!) { predictions(model: $m) { nodes { output { predictedClass probabilities } '
                         'label { class } } } }', {"m": classes})["predictions"]["nodes"][0]
        self.assertEqual((m1["output"]["predictedClass"], m1["output"]["probabilities"], m1["label"]["class"]),
                         ("b", {"a": 0.2, "b": 0.8}, "a"))
        r1 = raw_graphql('query($m: String!) { predictions(model: $m) { nodes { id output { value } label { value } } } }',
                         {"m": values})["predictions"]["nodes"]
        self.assertEqual(r1, [{"id": "r1", "output": {"value": 3.5}, "label": {"value": 4.0}}])
        wait_for_counts(own, 1)  # the ready-made record kept its own model

    def test_a_queued_record_leaves_after_flush_interval_without_flush(self):
        model = unique("py-trickle")
        tl = Tideline(URL, KEY, flush_interval=0.3)
        try:
            self.assertEqual(tl.log_predictions({"id": "only", "score": 0.4}, model=model).accepted, 0)
            wait_for_counts(model, 1)
            self.assertEqual(tl.stats["predictions"]["accepted"], 1)
        finally:
            tl.close()

    def test_a_batch_over_the_servers_record_limit_is_split_and_all_of_it_stored(self):
        # The platform under test takes at most 500 records a request (INGEST_MAX_RECORDS): 413, then halves.
        model = unique("py-split")
        with Tideline(URL, KEY, batch_size=1200) as tl:
            result = tl.log_predictions(flat_rows(1200), model=model, wait=True)
        self.assertEqual((result.accepted, result.rejected), (1200, 0))
        wait_for_counts(model, 1200)

    def test_feedback_reads_plain_labels_by_the_models_task(self):
        model = unique("py-feedback")
        with Tideline(URL, KEY) as tl:
            tl.log_predictions(flat_rows(20), model=model, wait=True)
            wait_for_counts(model, 20)
            rows = [{"predictionId": f"p-{i}", "label": i % 2} for i in range(20)]  # 0/1 of a BINARY model
            rows.append({"predictionId": "p-x", "label": None})
            result = tl.log_feedback(rows, model=model, wait=True)
        self.assertEqual((result.accepted, result.rejected), (20, 1))
        self.assertEqual(result.errors[0].record_id, "p-x")
        self.assertEqual(result.errors[0].field, "label")
        wait_for_counts(model, 20, 20)
        positives = raw_graphql("""query($m: String!) { metric(model: $m, metric: LABEL_POSITIVE_RATE,
            window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }) { points { value } } }""", {"m": model})
        self.assertEqual(positives["metric"]["points"][0]["value"], 0.5)


class Retries(unittest.TestCase):
    def test_a_429_is_retried_after_its_retry_after(self):
        model = unique("py-retry")
        proxy = FaultyProxy(failures=1, status=429, retry_after="1")
        try:
            with Tideline(proxy.url, KEY) as tl:
                result = tl.log_predictions(flat_rows(30), model=model, wait=True)
        finally:
            proxy.close()
        self.assertEqual(result.accepted, 30)
        self.assertEqual(len(proxy.arrivals), 2)
        # The same batch again, and not before the server said.
        self.assertEqual(proxy.arrivals[0][1:], proxy.arrivals[1][1:])
        self.assertGreaterEqual(proxy.arrivals[1][0] - proxy.arrivals[0][0], 1.0)
        wait_for_counts(model, 30)

    def test_the_platforms_own_backpressure_is_waited_out_without_losing_or_doubling_records(self):
        # The platform under test keeps a 1 MiB ingest backlog (INGEST_STREAM_MAX_BYTES): a 2.5 MB batch
        # fills it, ingest answers 429 with Retry-After for what it could not store, and the batch sent
        # again is stored in full (JetStream drops the chunks it already holds).
        model = unique("py-backpressure")
        observer = FaultyProxy()
        rows = [{**row, "pad": "x" * 5000} for row in flat_rows(500)]
        try:
            with Tideline(observer.url, KEY, batch_size=500, max_batch_bytes=8 * 1024 * 1024,
                          retry=RetryPolicy(max_retries=10)) as tl:
                result = tl.log_predictions(rows, model=model, wait=True)
        finally:
            observer.close()
        self.assertIn(429, observer.statuses)
        self.assertEqual(observer.statuses[-1], 200)
        self.assertEqual((result.accepted, result.rejected), (500, 0))
        self.assertEqual(wait_for_counts(model, 500)["predictionCount"], 500)

    def test_a_batch_failing_past_the_last_retry_raises_and_is_counted_as_dropped(self):
        model = unique("py-drop")
        proxy = FaultyProxy(failures=100, status=503)
        tl = Tideline(proxy.url, KEY, retry=RetryPolicy(max_retries=2, base_delay=0.05))
        try:
            tl.log_predictions(flat_rows(5), model=model)
            with self.assertRaises(TidelineError) as raised:
                tl.flush()
        finally:
            proxy.close()
            tl.close()
        self.assertEqual((raised.exception.code, raised.exception.status), ("INGEST_UNAVAILABLE", 503))
        self.assertEqual(len(proxy.arrivals), 3)
        self.assertEqual(tl.stats["predictions"]["dropped"], 5)
        self.assertEqual(model_counts(model)["predictionCount"], 0)

    def test_a_wrong_key_is_not_retried(self):
        tl = Tideline(URL, "not-a-key", retry=RetryPolicy(max_retries=3))
        tl.log_predictions({"id": "a", "score": 0.1}, model=unique("py-auth"))
        with self.assertRaises(TidelineError) as raised:
            tl.flush()
        self.assertEqual((raised.exception.code, raised.exception.status), ("UNAUTHENTICATED", 401))
        tl.close()

    def test_arguments_are_checked_before_anything_is_sent(self):
        with self.assertRaises(TidelineError) as raised:
            Tideline("localhost:4000", KEY)
        self.assertEqual((raised.exception.code, raised.exception.field), ("BAD_USER_INPUT", "url"))
        with self.assertRaises(TidelineError) as raised:
            Tideline(URL, KEY, max_batch_bytes=10)
        self.assertEqual(raised.exception.field, "max_batch_bytes")
        with Tideline(URL, KEY) as tl:
            with self.assertRaises(TidelineError) as raised:
                tl.log_predictions([["not", "a", "dict"]], model="m")
            self.assertEqual(raised.exception.field, "rows")


if __name__ == "__main__":
    unittest.main()
