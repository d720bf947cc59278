"""Queries: every answer the client shapes is the API's own GraphQL answer, checked field by field."""

import unittest

from support import KEY, URL, FaultyProxy, log_labeled, raw_graphql, unique

from tideline import Tideline, TidelineError

DAY1 = ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")
DAY2 = ("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")
WINDOW = {"from": DAY1[0], "to": DAY2[1]}
MODEL = unique("py-queries")


def traffic():
    """Two days, two countries; BR is wrong more often, and x1 shifts on the second day."""
    rows = []
    for i in range(400):
        day, country = i // 200, ("BR" if i % 2 else "US")
        score = ((i * 53) % 100) / 100
        positive = (i * 71) % 100 < 50
        wrong = country == "BR" and i % 5 == 0
        rows.append({"id": f"q-{i}", "score": score, "timestamp": f"2026-01-0{day + 1}T{(i % 200) // 10:02d}:{i % 60:02d}:00Z",
                     "tags.country": country, "x1": (i % 17) + day * 5.0,
                     "label": (score < 0.5) if wrong else (score >= 0.5) if i % 3 else positive})
    return rows


def setUpModule():
    log_labeled(MODEL, traffic())


class Queries(unittest.TestCase):
    def setUp(self):
        self.tl = Tideline(URL, KEY)

    def tearDown(self):
        self.tl.close()

    def test_metric_is_the_apis_answer_and_the_accuracy_of_the_data(self):
        points = self.tl.metric(MODEL, "ACCURACY", WINDOW, granularity="DAY", as_frame=False)
        api = raw_graphql("""query($m: String!, $w: TimeRangeInput!) { metric(model: $m, metric: ACCURACY, window: $w,
            granularity: DAY) { points { from to value sampleCount labeledCount realized } } }""", {"m": MODEL, "w": WINDOW})
        self.assertEqual(points, api["metric"]["points"])
        self.assertEqual([p["sampleCount"] for p in points], [200, 200])
        # And the value is the data's: accuracy at threshold 0.5 over the first day.
        day1 = [r for r in traffic() if r["timestamp"] < DAY1[1]]
        correct = sum((r["score"] >= 0.5) == r["label"] for r in day1)
        self.assertAlmostEqual(points[0]["value"], correct / len(day1), places=12)

    def test_slice_metrics_flattens_each_slice_into_a_row(self):
        rows = self.tl.slice_metrics(MODEL, ["ACCURACY", "LOG_LOSS"], WINDOW, "tags.country", as_frame=False)
        api = raw_graphql("""query($m: String!, $w: TimeRangeInput!) { sliceMetrics(model: $m, metrics: [ACCURACY, LOG_LOSS],
            window: $w, groupBy: ["tags.country"]) { key { field value } sampleCount labeledCount values { metric value }
            significance { metric pValue worseThanRest } } }""", {"m": MODEL, "w": WINDOW})["sliceMetrics"]
        self.assertEqual([r["tags.country"] for r in rows], [s["key"][0]["value"] for s in api])
        self.assertEqual(rows[0]["tags.country"], "BR")  # worst first
        for row, slice_ in zip(rows, api):
            self.assertEqual(row["sampleCount"], slice_["sampleCount"])
            self.assertEqual({m: row[m] for m in ("ACCURACY", "LOG_LOSS")}, {v["metric"]: v["value"] for v in slice_["values"]})
            for s in slice_["significance"]:
                self.assertEqual((row[f"{s['metric']}.pValue"], row[f"{s['metric']}.worseThanRest"]), (s["pValue"], s["worseThanRest"]))

    def test_drift_report_and_decision_are_the_apis_answers(self):
        report = self.tl.drift_report(MODEL, ["features.x1"], current=DAY2, reference=DAY1, methods=["KS", "PSI"],
                                      as_frame=False)
        api = raw_graphql("""query($m: String!, $r: TimeRangeInput!, $c: TimeRangeInput!) { driftReport(model: $m,
            features: ["features.x1"], methods: [KS, PSI], reference: $r, current: $c) { feature method statistic pValue
            drifted referenceCount currentCount } }""",
                          {"m": MODEL, "r": {"from": DAY1[0], "to": DAY1[1]}, "c": {"from": DAY2[0], "to": DAY2[1]}})
        self.assertEqual([{k: e[k] for k in api["driftReport"][0]} for e in report], api["driftReport"])
        self.assertTrue(all(e["drifted"] for e in report))  # x1 moved by 5 on the second day
        self.assertTrue(all(e["errorBound"] == 0 for e in report))
        approximate = self.tl.drift_report(MODEL, ["features.x1"], current=DAY2, reference=DAY1, methods=["KS", "PSI"],
                                           approximate=True, as_frame=False)
        for exact, approx in zip(report, approximate):
            self.assertLessEqual(abs(approx["statistic"] - exact["statistic"]), approx["errorBound"] + 1e-12)
        decision = self.tl.decision(MODEL)
        api_decision = raw_graphql("query($m: String!) { retrainingDecision(model: $m) { model action reasons { code } } }",
                                   {"m": MODEL})["retrainingDecision"]
        self.assertEqual((decision["model"], decision["action"], [r["code"] for r in decision["reasons"]]),
                         (api_decision["model"], api_decision["action"], [r["code"] for r in api_decision["reasons"]]))
        self.assertIn(decision["action"], ("RETRAIN", "PROMOTE", "ROLLBACK", "HOLD"))

    def test_errors_carry_the_apis_code_and_field(self):
        with self.assertRaises(TidelineError) as raised:
            self.tl.metric(unique("nobody"), "ACCURACY", WINDOW)
        self.assertEqual(raised.exception.code, "MODEL_NOT_FOUND")
        self.assertEqual(raised.exception.field, "model")
        with self.assertRaises(TidelineError) as raised:
            self.tl.metric(MODEL, "ACCURACY", (DAY2[1], DAY1[0]))
        self.assertEqual((raised.exception.code, raised.exception.field), ("BAD_USER_INPUT", "window.from"))
        with self.assertRaises(TidelineError) as raised:
            self.tl.slice_metrics(MODEL, "ACCURACY", WINDOW, "features.nope")
        self.assertEqual((raised.exception.code, raised.exception.field), ("FIELD_NOT_FOUND", "groupBy"))
        with self.assertRaises(TidelineError) as raised:
            self.tl.metric(MODEL, "ACCURACY", "yesterday")
        self.assertEqual((raised.exception.code, raised.exception.field), ("BAD_USER_INPUT", "window"))


class GraphqlRetries(unittest.TestCase):
    REGISTER = 'mutation($m: String!) { registerModel(input: { name: $m, primaryMetric: ACCURACY }) { name } }'

    def through_proxy(self, call):
        proxy = FaultyProxy(failures=1, status=502)
        try:
            with Tideline(proxy.url, KEY) as tl:
                try:
                    return call(tl), proxy.arrivals
                except TidelineError as err:
                    return err, proxy.arrivals
        finally:
            proxy.close()

    def test_a_query_is_retried_after_a_502(self):
        answer, arrivals = self.through_proxy(lambda tl: tl.decision(MODEL))
        self.assertEqual(answer["model"], MODEL)
        self.assertEqual(len(arrivals), 2)

    def test_a_mutation_is_retried_only_when_said_to_be_idempotent(self):
        model = unique("py-mutation")
        refused, arrivals = self.through_proxy(lambda tl: tl.graphql(self.REGISTER, {"m": model}))
        self.assertEqual((refused.code, refused.status, len(arrivals)), ("BAD_GATEWAY", 502, 1))
        answer, arrivals = self.through_proxy(lambda tl: tl.graphql(self.REGISTER, {"m": model}, idempotent=True))
        self.assertEqual((answer["registerModel"]["name"], len(arrivals)), (model, 2))


if __name__ == "__main__":
    unittest.main()
