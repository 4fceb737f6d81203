import copy

from processors.detection import SpikeDetector
from processors.rollup import Fact
from tests.processors.detection.conftest import minute_buckets, run


def test_calm_traffic_never_pages(warm) -> None:
    detector, _, start = warm
    assert list(run(detector, start, 60)) == []


def test_a_surge_of_angry_customers_opens_one_incident_within_two_minutes(warm) -> None:
    detector, _, start = warm
    notes = list(run(detector, start, 3, angry={"chat": 10, "email": 10}))
    opened = [n for n in notes if n["change"] == "opened"]
    assert len(opened) == 1, [n["title"] for n in notes]
    note = opened[0]
    assert note["group"] == "delivery" and note["status"] == "firing"
    assert note["event_time_ms"] - start * 1000 <= 120_000
    assert {s["series"] for n in notes for s in n["segments"]} >= {"channel:chat", "channel:email"}
    assert len(note["examples"]) == 3 and all("furious" in e["text"] for e in note["examples"])
    assert "grafana.example" in note["board_url"] and "baseline" in note["summary"]


def test_the_incident_resolves_after_calm_and_does_not_page_again(warm) -> None:
    detector, _, start = warm
    notes = list(run(detector, start, 5, angry={"chat": 10}))
    notes += run(detector, start + 300, 40 + detector.cfg.episode_gap_seconds // 60)  # the episode is over
    changes = [n["change"] for n in notes]
    assert changes.count("opened") == 1 and changes[-1] == "resolved"
    assert notes[-1]["status"] == "resolved" and notes[-1]["resolved_at"]


def test_replaying_snapshots_and_restoring_state_repeat_no_page(warm) -> None:
    detector, state, start = warm
    burst = [b for m in range(3) for b in minute_buckets(start + 60 * m, angry={"chat": 10})]
    first = [n["id"] for b in burst for n in detector.observe([b])]
    restarted = SpikeDetector(detector.cfg, copy.deepcopy(state))  # state as recovered from the changelog
    assert [n for b in burst for n in restarted.observe([b])] == []
    assert [n for b in burst for n in detector.observe([b])] == []
    assert len(first) >= 1


def test_three_angry_messages_on_a_quiet_channel_do_not_page(warm) -> None:
    detector, _, start = warm
    quiet = list(run(detector, start, 3, kinds=("chat", "email", "social"), per_kind=12,
                     angry={"social": 1}))
    assert [n for n in quiet if n["change"] == "opened"] == []


def test_an_account_with_a_burst_of_negative_contacts_gets_its_own_incident(warm) -> None:
    detector, _, start = warm
    notes = []
    for m in range(4):
        buckets = minute_buckets(start + 60 * m)
        for _ in range(2 if m < 3 else 0):
            buckets[0].add_contact(Fact("chat", "", ("billing",), "negative", -0.9), (start + 60 * m + 30) * 1000,
                                   "acct-big", "cancel everything")
        notes += detector.observe(buckets)
    account = [n for n in notes if n["group"] == "account:acct-big"]
    assert account and account[0]["severity"] == "warning"
    assert [n for n in notes if n["change"] == "opened" and not n["group"].startswith("account:")] == []


def test_refresh_reasserts_open_incidents_without_new_ids(warm) -> None:
    detector, _, start = warm
    opened = [n for n in run(detector, start, 3, angry={"chat": 10}) if n["change"] == "opened"]
    refreshed = detector.refresh()
    assert [n["incident"] for n in refreshed] == [opened[0]["incident"]]
    assert all(n["change"] == "refresh" for n in refreshed)


def test_status_reports_clock_and_open_incidents(warm) -> None:
    detector, _, start = warm
    list(run(detector, start, 3, angry={"chat": 10}))
    status = detector.status()
    assert status["open"] and status["alerts"] and status["learned"]["all"] >= 60


def test_a_burst_returning_within_the_episode_gap_extends_the_open_incident(warm) -> None:
    detector, _, start = warm
    notes = list(run(detector, start, 5, angry={"chat": 10}))
    notes += run(detector, start + 300, 25)  # calm: the alert resolves, the episode may go on
    notes += run(detector, start + 1800, 5, angry={"chat": 10})  # the same trouble, back
    changes = [n["change"] for n in notes]
    assert changes.count("opened") == 1 and "resolved" not in changes, changes
    assert len({n["incident"] for n in notes}) == 1
