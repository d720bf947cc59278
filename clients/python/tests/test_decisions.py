"""decision_changes: the live decision, driven through the API, through a stream the network drops."""

import datetime as dt
import unittest

from support import KEY, URL, CuttableProxy, NextSoon, eventually, log_labeled, raw_graphql, unique

from tideline import RetryPolicy, Tideline, TidelineError

MODEL = unique("py-decisions")
#: Policies that make the same evidence RETRAIN (1 new label is enough) or HOLD (NOT_ENOUGH_NEW_LABELS).
NEW_LABELS = {"RETRAIN": 1, "HOLD": 1_000_000}


def traffic():
    """A week of right answers, then a week of mostly wrong ones: the accuracy drops (a RETRAIN trigger)."""
    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for i in range(400):
        current = i >= 200
        at = now - (dt.timedelta(days=1, minutes=i) if current else dt.timedelta(days=10, minutes=i))
        score = ((i * 37) % 100) / 100
        right = (i % 10 < 4) if current else (i % 20 != 0)
        rows.append({"id": f"d-{i}", "score": score, "timestamp": at, "x1": i % 7,
                     "label": (score >= 0.5) if right else (score < 0.5)})
    return rows


def decide(action: str) -> dict:
    """Sets the policy that makes the model's decision `action`, then asks it (asking publishes a change)."""
    raw_graphql("""mutation($m: String!, $n: Int!) { setRetrainingPolicy(input: { model: $m, enabled: false,
        triggers: { newLabels: $n }, training: { family: LOGISTIC } }) { model } }""", {"m": MODEL, "n": NEW_LABELS[action]})
    decision = raw_graphql("query($m: String!) { retrainingDecision(model: $m) { action reasons { code } } }",
                           {"m": MODEL})["retrainingDecision"]
    assert decision["action"] == action, decision
    return decision


def setUpModule():
    log_labeled(MODEL, traffic())
    decide("HOLD")


class DecisionChanges(unittest.TestCase):
    def test_changes_arrive_in_order_once_across_a_dropped_stream(self):
        proxy = CuttableProxy()
        # A quick backoff: the reconnection is what is tested, not the wait.
        tl = Tideline(proxy.url, KEY, retry=RetryPolicy(base_delay=0.05, max_delay=0.5))
        try:
            with tl.decision_changes(MODEL) as changes:
                first = NextSoon(changes).result()
                self.assertEqual((first["model"], first["action"]), (MODEL, "HOLD"))
                self.assertIn("NOT_ENOUGH_NEW_LABELS", [r["code"] for r in first["reasons"]])
                seen = [first["action"]]
                # Each change driven through the API is the next decision yielded: one arriving twice would be
                # yielded in place of the next, and fail the comparison.
                for action, cut in (("RETRAIN", False), ("HOLD", True), ("RETRAIN", False), ("HOLD", False)):
                    if cut:
                        # The network drops the stream; the change is made while the client reconnects.
                        self.assertGreaterEqual(proxy.cut(), 1)
                    asked = decide(action)
                    got = NextSoon(changes).result()
                    self.assertEqual((got["action"], [r["code"] for r in got["reasons"]]),
                                     (asked["action"], [r["code"] for r in asked["reasons"]]))
                    seen.append(got["action"])
                self.assertEqual(seen, ["HOLD", "RETRAIN", "HOLD", "RETRAIN", "HOLD"])
                self.assertEqual(proxy.streams, 2)  # it reconnected once, after the cut
            # Leaving the block closes the stream: the proxy sees its connection end.
            eventually(lambda: not proxy.open, timeout=30)
        finally:
            tl.close()
            proxy.close()

    def test_a_bad_model_name_or_key_raises_the_apis_error(self):
        with Tideline(URL, KEY) as tl:
            with self.assertRaises(TidelineError) as raised:
                next(tl.decision_changes(unique("nobody")))
            self.assertEqual((raised.exception.code, raised.exception.field), ("MODEL_NOT_FOUND", "model"))
            with self.assertRaises(TidelineError) as raised:
                next(tl.decision_changes("not a name!"))
            self.assertEqual((raised.exception.code, raised.exception.field), ("BAD_USER_INPUT", "model"))
        with Tideline(URL, "tl_not-a-key") as tl:
            with self.assertRaises(TidelineError) as raised:
                next(tl.decision_changes(MODEL))
            self.assertEqual((raised.exception.code, raised.exception.status), ("UNAUTHENTICATED", 401))


if __name__ == "__main__":
    unittest.main()
