"""alerts and alert_events: a real monitor's alerts, live, through a stream the network drops."""

import datetime as dt
import unittest

from support import KEY, URL, CuttableProxy, NextSoon, eventually, log_labeled, raw_graphql, unique

from tideline import RetryPolicy, Tideline, TidelineError

MODEL = unique("py-alerts")
#: BR's predictions score 0.9 (predicted positive); their labels decide BR's accuracy: 1 or 0.
BR = [f"br-{i}" for i in range(4)]
ALERT_FIELDS = """id monitorName model { name } metric slice { field value } value threshold sampleCount severity state
                  firedAt resolvedAt resolvedValue"""


def setUpModule():
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"id": pid, "score": 0.9, "tags.country": "BR", "label": False, "timestamp": now - dt.timedelta(minutes=i)}
            for i, pid in enumerate(BR)]
    rows += [{"id": f"us-{i}", "score": 0.1, "tags.country": "US", "label": False,
              "timestamp": now - dt.timedelta(minutes=i)} for i in range(4)]
    log_labeled(MODEL, rows)


def label_br(right: bool) -> None:
    """New labels for BR's predictions (the latest label wins): right makes BR's accuracy 1, wrong 0. Each is
    timestamped now: a batch the same as one sent before would be taken for its retry, and dropped."""
    now = dt.datetime.now(dt.timezone.utc)
    with Tideline(URL, KEY) as tl:
        result = tl.log_feedback([{"predictionId": pid, "label": right, "timestamp": now} for pid in BR], model=MODEL,
                                 timestamp_column="timestamp", wait=True)
    assert (result.accepted, result.rejected) == (len(BR), 0), result


def firing() -> list:
    return raw_graphql(f'query($m: String) {{ alerts(model: $m, state: FIRING) {{ {ALERT_FIELDS} }} }}', {"m": MODEL})["alerts"]


class AlertEvents(unittest.TestCase):
    @staticmethod
    def while_down(proxy, events, change, done) -> dict:
        """Cuts the stream and keeps the platform unreachable while `change` is made and until `done()`; then
        the next event, which the client can only have read after reconnecting."""
        proxy.refusing = True
        try:
            following = NextSoon(events)
            proxy.cut()
            change()
            eventually(done, timeout=30)
        finally:
            proxy.refusing = False
        return following.result()

    def test_events_1_an_alert_fires_and_resolves_live_each_once_across_a_dropped_stream(self):
        proxy = CuttableProxy()
        # A quick backoff: the reconnection is what is tested, not the wait.
        tl = Tideline(proxy.url, KEY, retry=RetryPolicy(max_retries=1000, base_delay=0.05, max_delay=0.5))
        try:
            with tl.alert_events(MODEL) as events:
                first = NextSoon(events)
                eventually(lambda: proxy.streams == 1, timeout=30)
                # Nothing fires yet: the first event is the one the new monitor's first evaluation pushes.
                raw_graphql("""mutation($m: String!) { createMonitor(input: { name: "accuracy by country", model: $m,
                    check: { metric: ACCURACY }, groupBy: ["tags.country"], window: "1d", interval: "1s",
                    anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.9 }, minSamples: 1 }) { id } }""",
                            {"m": MODEL})
                fired = first.result()
                self.assertEqual((fired["type"], fired["id"]), ("FIRED", f"{fired['alert']['id']}.FIRED"))
                self.assertEqual({k: fired["alert"][k] for k in ("model", "metric", "slice", "value", "threshold", "state")},
                                 {"model": {"name": MODEL}, "metric": "ACCURACY",
                                  "slice": [{"field": "tags.country", "value": "BR"}], "value": 0, "threshold": 0.9,
                                  "state": "FIRING"})
                # `alerts` answers what the API does.
                api = firing()
                self.assertEqual(tl.alerts(MODEL, state="FIRING"), api)
                self.assertEqual([a["id"] for a in api], [fired["alert"]["id"]])

                # The network drops the stream and stays down while BR is put right and its alert resolves: the
                # RESOLVED the platform pushed meanwhile is lost, and the client reads it after reconnecting.
                resolved = self.while_down(proxy, events, lambda: label_br(True), lambda: not firing())
                self.assertEqual((resolved["type"], resolved["id"], resolved["alert"]["id"]),
                                 ("RESOLVED", f"{fired['alert']['id']}.RESOLVED", fired["alert"]["id"]))
                self.assertEqual((resolved["alert"]["state"], resolved["alert"]["resolvedValue"]), ("RESOLVED", 1))
                self.assertEqual(resolved["at"], resolved["alert"]["resolvedAt"])
                # Down again while BR goes wrong: the new alert is read as FIRED after reconnecting.
                again = self.while_down(proxy, events, lambda: label_br(False), firing)
                self.assertEqual((again["type"], again["alert"]["slice"], again["alert"]["state"]),
                                 ("FIRED", [{"field": "tags.country", "value": "BR"}], "FIRING"))
                self.assertNotEqual(again["alert"]["id"], fired["alert"]["id"])
                # Live again: BR put right is pushed. An event yielded twice (read back and then pushed, or read
                # back twice) would come before it and fail the comparison.
                label_br(True)
                live = NextSoon(events).result()
                self.assertEqual((live["type"], live["alert"]["id"]), ("RESOLVED", again["alert"]["id"]))
                self.assertEqual(proxy.streams, 3)  # it reconnected once after each drop
            # Leaving the block closes the stream: the proxy sees its connection end.
            eventually(lambda: not proxy.open, timeout=30)
        finally:
            tl.close()
            proxy.close()

    def test_events_2_a_follower_that_starts_late_hears_of_the_alerts_already_firing_first_and_closes_from_another_thread(self):
        # test_events_1 leaves BR resolved; wrong again, it fires: a new follower's first event is that alert.
        label_br(False)
        now = eventually(firing)
        with Tideline(URL, KEY) as tl, tl.alert_events(MODEL) as events:
            event = NextSoon(events).result()
            # Nothing changes now, so the next `next` waits; closing from this thread ends it there.
            waiting = NextSoon(events)
            self.assertEqual(waiting.box, [])
            events.close()
            self.assertIsInstance(waiting.result(timeout=10), StopIteration)
        self.assertEqual(event, {"id": f"{now[0]['id']}.FIRED", "type": "FIRED", "at": now[0]["firedAt"], "alert": now[0]})

    def test_monitors_a_failing_monitor_is_yielded_once_and_its_mending_across_a_dropped_stream(self):
        # A monitor capped at the model's two countries: a third one makes each evaluation fail (no alert says so).
        capped = "accuracy, BR and US only"
        proxy = CuttableProxy()
        tl = Tideline(proxy.url, KEY, retry=RetryPolicy(max_retries=1000, base_delay=0.05, max_delay=0.5))
        try:
            with tl.monitor_changes(MODEL) as changes:
                following = NextSoon(changes)
                eventually(lambda: proxy.streams == 1, timeout=30)
                monitor_id = raw_graphql("""mutation($m: String!, $n: String!) { createMonitor(input: { name: $n, model: $m,
                    check: { metric: ACCURACY }, groupBy: ["tags.country"], maxSeries: 2, window: "1d", interval: "1s",
                    anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.1 }, minSamples: 1 }) { id } }""",
                                         {"m": MODEL, "n": capped})["createMonitor"]["id"]
                with Tideline(URL, KEY) as sender:
                    sender.log_predictions([{"id": "fr-1", "score": 0.5, "tags.country": "FR",
                                             "timestamp": dt.datetime.now(dt.timezone.utc)}], model=MODEL, wait=True)
                failing = following.result()
                self.assertEqual((failing["id"], failing["name"], failing["status"]["outcome"]), (monitor_id, capped, "ERROR"))
                self.assertEqual(failing["status"]["error"], "groupBy tags.country has 3 values in the window, past maxSeries (2)")
                update = lambda fields: raw_graphql(  # noqa: E731
                    f'mutation($id: ID!) {{ updateMonitor(id: $id, input: {{ {fields} }}) {{ id }} }}', {"id": monitor_id})
                outcome = lambda: raw_graphql('query($id: ID!) { monitor(id: $id) { status { outcome } } }',  # noqa: E731
                                              {"id": monitor_id})["monitor"]["status"]["outcome"]

                def mend():
                    # The cap raised, the monitor evaluates OK; then it is paused, so no evaluation is pushed after
                    # the reconnection: its OK can only come from the monitors read back.
                    update("maxSeries: 3")
                    eventually(lambda: outcome() == "OK", timeout=30)
                    update("enabled: false")

                mended = self.while_down(proxy, changes, mend, lambda: True)
                self.assertEqual((mended["id"], mended["status"]["outcome"], mended["status"]["error"]), (monitor_id, "OK", None))
                update("enabled: true")
                # Evaluated every second from now on, still OK: nothing more is yielded over three seconds of them.
                quiet = NextSoon(changes)
                evaluated = lambda: dt.datetime.fromisoformat(raw_graphql(  # noqa: E731
                    'query($id: ID!) { monitor(id: $id) { status { evaluatedAt } } }',
                    {"id": monitor_id})["monitor"]["status"]["evaluatedAt"].replace("Z", "+00:00"))
                since = evaluated()
                eventually(lambda: evaluated() >= since + dt.timedelta(seconds=3), timeout=30)
                self.assertEqual(quiet.box, [])
                changes.close()
                self.assertIsInstance(quiet.result(timeout=10), StopIteration)
        finally:
            tl.close()
            proxy.close()

    def test_a_bad_key_raises_the_apis_error_on_the_first_next(self):
        with Tideline(URL, "tl_not-a-key") as tl:
            with self.assertRaises(TidelineError) as raised:
                next(tl.alert_events(MODEL))
            self.assertEqual((raised.exception.code, raised.exception.status), ("UNAUTHENTICATED", 401))


if __name__ == "__main__":
    unittest.main()
