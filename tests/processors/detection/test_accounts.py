"""Account incidents: judged against the account's own history and size, live only, in its own words."""

from __future__ import annotations

from processors.detection import Bucket, DetectorConfig, SpikeDetector
from processors.detection.accounts import AccountIndex, History, Population, account_finding, usual_per_minute
from processors.rollup import Fact
from tests.processors.detection.conftest import minute_buckets


def _play(detector: SpikeDetector, start: int, minutes: int, account: str, negative: int, neutral: int = 0,
          topic: str = "refunds", now_offset_s: int | None = None) -> list[dict]:
    """Steady traffic; ``account`` writes ``negative`` angry and ``neutral`` calm chats per minute."""
    notes = []
    for m in range(minutes):
        minute = start + 60 * m
        buckets = minute_buckets(minute)
        for i in range(negative):
            buckets[0].add_contact(Fact("chat", "", (topic,), "negative", -0.9), (minute + 10 + i) * 1000, account,
                                   f"{account} says: refund me now ({m}.{i})")
        for i in range(neutral):
            buckets[0].add_contact(Fact("chat", "", ("billing",), "neutral", 0.0), (minute + 40 + i) * 1000, account)
        now_ms = None if now_offset_s is None else (minute + 59 + now_offset_s) * 1000
        notes += detector.observe(buckets, now_ms=now_ms)
    return notes


def _opened(notes: list[dict], account: str) -> list[dict]:
    return [n for n in notes if n["group"] == f"account:{account}" and n["change"] == "opened"]


def test_a_quiet_account_turning_angry_pages_its_manager_with_its_own_topics_and_numbers(warm) -> None:
    detector, _, start = warm
    notes = _play(detector, start, 4, "acct-quiet", negative=2)
    opened = _opened(notes, "acct-quiet")
    assert len(opened) == 1
    note = opened[0]
    assert note["labels"]["team"] == "account-managers" and note["labels"]["account"] == "acct-quiet"
    assert note["top_topics"][0][0] == "refunds"  # its own, not the stream's
    assert all("acct-quiet" in e["text"] for e in note["examples"]) and note["examples"]
    assert "negative contacts of" in note["title"] and "usually" in note["title"], note["title"]


def test_the_owner_and_value_known_before_the_burst_are_labels_from_the_first_page(warm) -> None:
    detector, _, start = warm
    seen: list[list[str]] = []
    notes = []
    for m in range(4):  # as the worker does: look up the accounts near a burst, then observe
        minute = start + 60 * m
        buckets = minute_buckets(minute)
        for i in range(2):
            buckets[0].add_contact(Fact("chat", "", ("refunds",), "negative", -0.9), (minute + 10 + i) * 1000,
                                   "acct-vip", "refund me now")
        seen.append(near := detector.accounts_near_burst(buckets))
        if "acct-vip" in near:
            detector.directory["acct-vip"] = {"owner": "am-03", "monthly_value": 12_500.0, "currency": "EUR"}
        notes += detector.observe(buckets)
    assert seen[0] == [] and "acct-vip" in seen[1]  # 2 negatives, then 4: one short of the burst of 5
    (opened,) = _opened(notes, "acct-vip")
    assert opened["labels"]["account_owner"] == "am-03"
    assert opened["labels"]["account_value"] == "12,500 EUR/month"
    assert "12,500 EUR/month" in opened["title"], opened["title"]


def test_a_big_account_whose_contacts_are_mostly_fine_does_not_page(warm) -> None:
    detector, _, start = warm
    notes = _play(detector, start, 6, "acct-big", negative=1, neutral=8)  # 6 negatives among 54 contacts
    assert _opened(notes, "acct-big") == []


def test_history_raises_the_bar_for_a_habitual_complainer() -> None:
    day = 86_400_000
    now = 1_767_571_200_000 + 10 * day
    population = Population(negative=14_400.0, accounts=1_000, first_ms=now - 10 * day, at_ms=now)  # ~1 a day each
    loud = History(negative=14_000.0, contacts=15_000.0, at_ms=now)  # this one: ~1,400 negatives a day
    index = AccountIndex()
    b = Bucket("chat", now // 1000 // 60 * 60)
    for account in ("acct-loud", "acct-usual"):
        for _ in range(8):
            b.add_contact(Fact("chat", "", ("refunds",), "negative", -0.9), now, account)
    index.add(b)
    cfg = DetectorConfig()
    assert account_finding("acct-loud", index, usual_per_minute(loud, population, now), now, cfg) is None
    found = account_finding("acct-usual", index, usual_per_minute(None, population, now), now, cfg)
    assert found is not None and found.hits == 8 and found.p_value < cfg.account_alpha


def test_no_account_incident_from_a_backfill(warm) -> None:
    detector, _, start = warm
    notes = _play(detector, start, 4, "acct-old", negative=2, now_offset_s=3 * 86_400 // 2)  # 36 h behind
    assert _opened(notes, "acct-old") == []
