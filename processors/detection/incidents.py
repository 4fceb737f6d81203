"""Paging: firing alerts become incidents, and incident changes become notifications.

Example::

    paging = Paging(cfg, state)
    notes = paging.fire(alert, finding, clock)   # [{"change": "opened", ...}] or "updated"

One incident per group is open at a time. A firing alert joins its group's
open incident (``updated``) or opens a new one (``opened``); a stronger
finding that raises the severity notifies ``escalated``; the incident is
``resolved`` when its last segment resolves and no burst came back for
``episode_gap_seconds``: one episode, however many bursts, is one incident
(a returning burst of the same group joins it as ``updated``). A volume drop ("contacts stopped
arriving") is its own kind of incident, grouped ``drop:<series>``. Severity
never drops while an incident is open: on-call should not be told "less bad"
mid-incident.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from processors.detection.accounts import usual_per_minute
from processors.detection.bucket import Bucket
from processors.detection.clock import Clock
from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding
from processors.detection.incident import SEVERITIES, Incident
from processors.detection.lifecycle import AlertState
from processors.detection.notification import Change, notification
from processors.detection.series import ALL, DROP, METRICS, Series
from processors.detection.state import DetectorState
from processors.detection.windows import RATE_MASS

SURVEY_GROUP = "surveys"
EXAMPLES = 3


class Paging:
    def __init__(self, cfg: DetectorConfig, state: DetectorState) -> None:
        self.cfg, self.state = cfg, state
        # account -> {"owner", "monthly_value", "currency"}, filled by the worker from the store
        # (streams/detect/directory.py) before an account can open an incident
        self.directory: dict[str, dict[str, Any]] = {}

    def note(self, inc: Incident, change: Change, event_time_ms: int | None = None) -> dict[str, Any]:
        return notification(inc, change, self.cfg.board_url, event_time_ms)

    def fire(self, alert: AlertState, found: Finding, clock: Clock) -> list[dict[str, Any]]:
        kinds, topics = self._scope(found, clock)
        inc = self._related(found, kinds, topics)
        change: Change = "updated"
        if inc is None:
            inc, change = Incident.open(_group(found, topics), alert.since_ms), "opened"
        inc.quiet_ms = 0  # a burst of the same episode: the incident goes on
        inc.join(alert.key, found, alert.since_ms)
        inc.kinds, inc.topics = sorted({*inc.kinds, *kinds}), sorted({*inc.topics, *topics})
        self.state.put_alert(replace(alert, incident=inc.group))
        if _rank(inc.rate_severity()) > _rank(inc.severity):
            inc.severity = inc.rate_severity()
            change = "escalated" if change == "updated" else change
        self._context(inc, clock)
        self.state.set_open(inc.group, True)
        return self._notify(inc, change, alert.abnormal_ms)

    def _related(self, found: Finding, kinds: set[str], topics: set[str]) -> Incident | None:
        """The open incident this finding belongs to: overlapping channels or topics, or overall."""
        if found.series.startswith("account:") or found.metric == DROP.name:
            inc = self.state.incident(_group(found, topics))
            return inc if inc is not None and inc.status == "firing" else None
        for inc in self.state.open_incidents():
            if inc.group.startswith(("account:", "drop:")):
                continue
            if inc.quiet_ms and inc.group != _group(found, topics):
                continue  # between bursts, only the same trouble (its group) continues the episode
            if found.series == "all" or ALL.id in inc.series or kinds & set(inc.kinds) or topics & set(inc.topics):
                return inc
        return None

    def _scope(self, found: Finding, clock: Clock) -> tuple[set[str], set[str]]:
        """The channels and topics a finding is about: its own, or where its excess is largest."""
        if found.series.startswith("account:"):
            return set(), set()
        if found.metric == DROP.name:
            return {k for k in [Series.parse(found.series).kind] if k}, set()
        series, metric = Series.parse(found.series), METRICS[found.metric]
        if metric.base not in (None, "contacts"):
            return {"survey"}, {SURVEY_GROUP}
        kinds = {series.kind} if series.kind else set(_top(self._by_kind(found, clock)))
        topics = {series.topic} if series.topic else set(_top(self._excess_by_topic(found, clock)))
        return kinds, topics

    def _window(self, found: Finding, clock: Clock, kind: str | None) -> Counter[tuple[str, str | None]]:
        newest = clock.time(Series.parse(found.series)) // 60_000 * 60
        return sum((self.state.totals(newest - 60 * back, kind, clock.marks) for back in range(found.window)),
                   Counter())

    def _by_kind(self, found: Finding, clock: Clock) -> Counter[str]:
        metric, topic = METRICS[found.metric], Series.parse(found.series).topic
        return Counter({k: self._window(found, clock, k)[(metric.hits, topic)] for k in clock.channels})

    def _excess_by_topic(self, found: Finding, clock: Clock) -> Counter[str]:
        """Per topic: hits beyond what the topic's own baseline expects (not just the most hits)."""
        metric, kind = METRICS[found.metric], Series.parse(found.series).kind
        window, minute = self._window(found, clock, kind), clock.newest // 60_000 * 60
        out: Counter[str] = Counter()
        for t in clock.topics:
            baseline = self.state.baseline(f"topic:{t}")
            if metric.base is None:
                expected = (baseline.expected(minute, metric.hits) or 0.0) * found.window
            else:
                expected = window[(metric.base, t)] * (baseline.rate(minute, metric.hits, metric.base, RATE_MASS) or 0.0)
            out[t] = window[(metric.hits, t)] - expected  # type: ignore[assignment]  # a float excess; most_common works
        return out

    def update(self, alert: AlertState, found: Finding) -> list[dict[str, Any]]:
        inc = self.state.incident(alert.incident)
        if inc is None or alert.key not in inc.segments or not inc.peak(alert.key, found):
            return []
        if _rank(severity := inc.rate_severity()) <= _rank(inc.severity):
            self.state.put_incident(inc)
            return []
        inc.severity = severity
        return self._notify(inc, "escalated", alert.abnormal_ms)

    def resolve(self, alert: AlertState, now_ms: int, note: str = "") -> list[dict[str, Any]]:
        """A segment ends. The incident resolves now when ``note`` says why (a learned level shift),
        else once its episode is over: ``episode_gap_seconds`` without a returning burst."""
        inc = self.state.incident(alert.incident)
        if inc is None or alert.key not in inc.segments:
            return []
        if note:
            inc.note = note
        if not inc.resolve_segment(alert.key, now_ms):
            self.state.put_incident(inc)
            return []
        if not note and self.cfg.episode_gap_seconds > 0:
            inc.status, inc.resolved_ms, inc.quiet_ms = "firing", 0, now_ms
            self.state.put_incident(inc)
            return []
        self.state.set_open(inc.group, False)
        return self._notify(inc, "resolved", now_ms)

    def close_episodes(self, now_ms: int) -> list[dict[str, Any]]:
        """Resolve the open incidents whose last burst ended ``episode_gap_seconds`` ago."""
        notes = []
        for inc in self.state.open_incidents():
            if inc.quiet_ms and now_ms - inc.quiet_ms >= self.cfg.episode_gap_seconds * 1000:
                inc.status, inc.resolved_ms = "resolved", now_ms
                self.state.set_open(inc.group, False)
                notes += self._notify(inc, "resolved", now_ms)
        return notes

    def _notify(self, inc: Incident, change: Change, now_ms: int) -> list[dict[str, Any]]:
        inc.seq, inc.changed_ms = inc.seq + 1, now_ms
        self.state.put_incident(inc)
        return [self.note(inc, change)]

    def _recent(self, clock: Clock, kind: str | None) -> list[Bucket]:
        kinds = [kind] if kind else list(clock.marks)
        newest = clock.newest // 60_000 * 60
        return [b for back in range(max(self.cfg.windows))
                for b in self.state.buckets_at(newest - 60 * back, kinds)]

    def _context(self, inc: Incident, clock: Clock) -> None:
        """Top topics among the incident's negatives and three example messages."""
        if inc.group.startswith("account:"):
            self._account_context(inc, clock)
            return
        kinds = {Series.parse(s).kind for s in inc.series}
        recent = [b for k in ([None] if None in kinds else kinds) for b in self._recent(clock, k)]
        negatives = sum((b.stats.negative_by_topic for b in recent), Counter())
        inc.top_topics = [[t, n] for t, n in negatives.most_common(3)]
        examples = sorted((e for b in recent for e in b.examples), key=lambda e: -e["at_ms"])
        preferred = [e for e in examples if e["topic"] == inc.group] + [e for e in examples if e["topic"] != inc.group]
        inc.examples = preferred[:EXAMPLES]


    def _account_context(self, inc: Incident, clock: Clock) -> None:
        """The account's own topics, examples, size and usual rate (never the whole stream's)."""
        account, window = inc.group.removeprefix("account:"), self.cfg.account_window_minutes
        newest = clock.newest // 60_000 * 60
        held = [b for back in range(window) for b in self.state.buckets_at(newest - 60 * back, clock.marks)
                if account in b.account_contacts or account in b.accounts]
        topics = sum((b.account_topics.get(account, Counter()) for b in held), Counter())
        inc.top_topics = [[t, n] for t, n in topics.most_common(3)]
        examples = sorted((b.account_examples[account] for b in held if account in b.account_examples),
                          key=lambda e: -e["at_ms"])
        inc.examples = examples[:EXAMPLES]
        inc.kinds = sorted({b.kind for b in held if b.accounts.get(account)})
        negative, contacts = self.state.accounts.window(account, newest - 60 * (window - 1))
        usual = usual_per_minute(self.state.account_history(account), self.state.population(), clock.newest)
        known = {k: v for k, v in self.directory.get(account, {}).items() if v not in (None, "")}
        inc.account = {**known, **inc.account, "negative": negative, "contacts": contacts,
                       "usual_per_hour": usual * 60}


def _top(scores: Counter[str]) -> list[str]:
    return [k for k, v in scores.most_common(1) if v > 0]


def _group(found: Finding, topics: set[str]) -> str:
    if found.series.startswith("account:"):
        return found.series
    if found.metric == DROP.name:
        return f"drop:{found.series}"
    return min(topics) if topics else "other"


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity)
