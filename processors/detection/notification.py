"""What on-call reads: an incident turned into a notification with a summary and routing labels.

Example::

    note = notification(incident, "opened", board_url="https://grafana/d/cx?from={from}&to={to}")
    note["title"]     # 'CX spike (warning): delivery - negative rate 3.1x baseline on the chat, email channels'
    note["summary"]   # segments with observed (95% interval) vs baseline over their window, examples, link
    note["labels"]    # {'severity': 'warning', 'team': 'cx-support', 'channel': 'chat,email', 'topic': 'delivery'}

``id`` (incident and sequence number) is the idempotency key every delivery
target dedups on: replaying the same change never pages twice.

Titles and summaries are plain words: series ids such as ``channel:email``
never appear in them (Slack renders ``:email:`` as an emoji). ``labels`` are
what Alertmanager routes on (deploy/alertmanager/alertmanager.yml): severity,
the team that owns the incident, its channels and topic, and for an account
incident the account, its owner and monthly value when an account event said so.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from processors.detection.finding import Finding
from processors.detection.incident import Incident, Segment
from processors.detection.series import Series

Change = Literal["opened", "updated", "escalated", "resolved", "refresh"]
LINK_BEFORE_MS = 30 * 60_000  # the board opens half an hour before the incident
TEAM_CX = "cx-support"  # spikes and drops: the support operation's on-call
TEAM_ACCOUNTS = "account-managers"  # one account's trouble: its account manager


def iso(ms: int) -> str | None:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds") if ms else None


def where(series_id: str) -> str:
    """A series in words: 'all contacts', 'the email channel', 'topic delivery', 'account acct-7'."""
    if series_id.startswith("account:"):
        return f"account {series_id.removeprefix('account:')}"
    s = Series.parse(series_id)
    if s.kind:
        return f"the {s.kind} channel"
    return f"topic {s.topic}" if s.topic else "all contacts"


def describe(f: Finding) -> str:
    label = f.metric.replace("_", " ")
    if f.series.startswith("account:"):
        return f"{f.hits} {label} from {where(f.series)} within {f.window} min"
    if f.base:
        return (f"{label} on {where(f.series)}: {f.observed:.0%} (95% interval {f.low:.0%}-{f.high:.0%}) "
                f"vs {f.expected:.0%} baseline, {f.hits} of {f.base} contacts over {f.window} min")
    return (f"{label} on {where(f.series)}: {f.observed:.1f} contacts/min (95% interval {f.low:.1f}-{f.high:.1f}) "
            f"vs {f.expected:.1f}/min baseline, over {f.window} min")


def title(inc: Incident) -> str:
    findings = [Finding.from_dict(s.peak) for s in inc.segments.values()]
    strongest = max(findings, key=lambda f: f.ratio)
    state = "resolved" if inc.status == "resolved" else inc.severity
    if inc.group.startswith("account:"):
        return _account_title(inc, strongest, state)
    if inc.group.startswith("drop:"):
        lowest = min(findings, key=lambda f: f.ratio)
        return (f"CX drop ({state}): contacts stopped arriving on {where(inc.group.removeprefix('drop:'))} - "
                f"{lowest.observed:.1f}/min vs {lowest.expected:.1f}/min baseline")
    return (f"CX spike ({state}): {inc.group} - {strongest.metric.replace('_', ' ')} {magnitude(strongest)} "
            f"on {_channels(inc)}")


def _channels(inc: Incident) -> str:
    kinds = sorted({k for s in inc.series if (k := Series.parse(s).kind)} | set(inc.kinds))
    if not kinds:
        return "all channels"
    return f"the {kinds[0]} channel" if len(kinds) == 1 else f"the {', '.join(kinds)} channels"


def _account_title(inc: Incident, f: Finding, state: str) -> str:
    info = inc.account
    usual = f", usually {info['usual_per_hour']:.1f} an hour" if "usual_per_hour" in info else ""
    value = f" ({_money(info)})" if info.get("monthly_value") else ""
    share = f" of {info['contacts']} contacts" if info.get("contacts") else ""
    return (f"Account {inc.group.removeprefix('account:')}{value} ({state}): {f.hits} negative contacts{share} "
            f"in {f.window} min{usual}")


def _money(info: dict[str, Any]) -> str:
    return f"{info['monthly_value']:,.0f} {info.get('currency') or 'USD'}/month"


def magnitude(f: Finding) -> str:
    # A baseline of zero (nothing of the kind seen in this slot yet) has no ratio to show.
    return f"{f.ratio:.1f}x baseline" if f.expected else "above a zero baseline"


def summary(inc: Incident, link: str) -> str:
    lines = [title(inc), *(f"- {describe(Finding.from_dict(s.peak))}{_resolved(s)}" for s in inc.segments.values())]
    if inc.note:
        lines.append(inc.note)
    if inc.account.get("owner"):
        lines.append(f"Account owner: {inc.account['owner']}")
    if inc.top_topics:
        lines.append("Top topics: " + ", ".join(f"{t} ({n} negative)" for t, n in inc.top_topics))
    lines += [f'Example ({e["channel"]}, {e["topic"]}): "{e["text"]}"' for e in inc.examples]
    return "\n".join([*lines, f"Board: {link}"] if link else lines)


def _resolved(seg: Segment) -> str:
    return f" [resolved {iso(seg.resolved_ms)}]" if seg.status == "resolved" else ""


def board_link(template: str, inc: Incident) -> str:
    end = inc.resolved_ms + LINK_BEFORE_MS if inc.resolved_ms else None
    return template.format(**{"from": inc.opened_ms - LINK_BEFORE_MS, "to": end or "now"}) if template else ""


def labels(inc: Incident) -> dict[str, str]:
    """What Alertmanager routes on. Every notification has severity, team, channel and topic."""
    if inc.group.startswith("account:"):
        out = {"severity": inc.severity, "team": TEAM_ACCOUNTS, "channel": ",".join(inc.kinds) or "all",
               "topic": inc.top_topics[0][0] if inc.top_topics else "other",
               "account": inc.group.removeprefix("account:")}
        if inc.account.get("owner"):
            out["account_owner"] = str(inc.account["owner"])
        if inc.account.get("monthly_value"):
            out["account_value"] = _money(inc.account)
        return out
    kinds = sorted({k for s in inc.series if (k := Series.parse(s).kind)} | set(inc.kinds))
    topic = "" if inc.group.startswith("drop:") else inc.group
    return {"severity": inc.severity, "team": TEAM_CX, "channel": ",".join(kinds) or "all", "topic": topic or "all"}


def notification(inc: Incident, change: Change, board_url: str = "", event_time_ms: int | None = None) -> dict[str, Any]:
    """``event_time_ms``: the detector's clock now (a refresh); defaults to the change's own time.

    The first notification fixes the incident's routing labels (``inc.route``): they are
    Alertmanager's identity for the alert, so they never change while the incident lives.
    """
    link = board_link(board_url, inc)
    # Alertmanager knows an alert by its labels: a channel joining later must not make a second
    # alert (a second page, and a first one that never resolves), so the route is fixed once.
    inc.route = inc.route or {k: v for k, v in labels(inc).items() if k != "severity"}
    segments = [{"key": s.key, "status": s.status, "since": iso(s.since_ms), **s.peak}
                for s in inc.segments.values()]
    return {"id": f"{inc.id}#{inc.seq}", "incident": inc.id, "seq": inc.seq, "change": change,
            "status": inc.status, "severity": inc.severity, "group": inc.group,
            "opened_at": iso(inc.opened_ms), "resolved_at": iso(inc.resolved_ms),
            "event_time_ms": inc.changed_ms if event_time_ms is None else event_time_ms,
            "title": title(inc), "labels": {**inc.route, "severity": inc.severity},
            "summary": summary(inc, link), "segments": segments, "top_topics": inc.top_topics,
            "examples": inc.examples, "board_url": link}
