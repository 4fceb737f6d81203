"""What on-call reads: an incident turned into a notification with a summary.

Example::

    note = notification(incident, "opened", board_url="https://grafana/d/cx?from={from}&to={to}")
    note["title"]     # 'CX spike (warning): delivery - negative rate 3.1x baseline on chat, email'
    note["summary"]   # segments with observed vs baseline, top topics, 3 example messages, link

``id`` (incident and sequence number) is the idempotency key every delivery
target dedups on: replaying the same change never pages twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from processors.detection.finding import Finding
from processors.detection.incident import Incident, Segment

Change = Literal["opened", "updated", "escalated", "resolved", "refresh"]
LINK_BEFORE_MS = 30 * 60_000  # the board opens half an hour before the incident


def iso(ms: int) -> str | None:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds") if ms else None


def describe(f: Finding) -> str:
    label = f.metric.replace("_", " ")
    if f.series.startswith("account:"):
        return f"{f.hits} {label} from {f.series} within {f.window} min"
    if f.base:
        return (f"{label} on {f.series}: {f.observed:.0%} ({f.low:.0%}-{f.high:.0%}) vs {f.expected:.0%} "
                f"baseline, {f.hits} of {f.base} in {f.window} min")
    return (f"{label} on {f.series}: {f.observed:.1f}/min ({f.low:.1f}-{f.high:.1f}) vs "
            f"{f.expected:.1f}/min baseline over {f.window} min")


def title(inc: Incident) -> str:
    findings = [Finding.from_dict(s.peak) for s in inc.segments.values()]
    strongest = max(findings, key=lambda f: f.ratio)
    where = ", ".join(sorted({f.series.split(":")[-1] for f in findings}))
    state = "resolved" if inc.status == "resolved" else inc.severity
    if inc.group.startswith("drop:"):
        lowest = min(findings, key=lambda f: f.ratio)
        return (f"CX drop ({state}): contacts stopped arriving on {inc.group.removeprefix('drop:')} - "
                f"volume {lowest.ratio:.2f}x baseline")
    return f"CX spike ({state}): {inc.group} - {strongest.metric.replace('_', ' ')} {magnitude(strongest)} on {where}"


def magnitude(f: Finding) -> str:
    # A baseline of zero (nothing of the kind seen in this slot yet) has no ratio to show.
    return f"{f.ratio:.1f}x baseline" if f.expected else "above a zero baseline"


def summary(inc: Incident, link: str) -> str:
    lines = [title(inc), *(f"- {describe(Finding.from_dict(s.peak))}{_resolved(s)}" for s in inc.segments.values())]
    if inc.note:
        lines.append(inc.note)
    if inc.top_topics:
        lines.append("Top topics: " + ", ".join(f"{t} ({n})" for t, n in inc.top_topics))
    lines += [f'Example ({e["channel"]}, {e["topic"]}): "{e["text"]}"' for e in inc.examples]
    return "\n".join([*lines, f"Board: {link}"] if link else lines)


def _resolved(seg: Segment) -> str:
    return f" [resolved {iso(seg.resolved_ms)}]" if seg.status == "resolved" else ""


def board_link(template: str, inc: Incident) -> str:
    end = inc.resolved_ms + LINK_BEFORE_MS if inc.resolved_ms else None
    return template.format(**{"from": inc.opened_ms - LINK_BEFORE_MS, "to": end or "now"}) if template else ""


def notification(inc: Incident, change: Change, board_url: str = "") -> dict[str, Any]:
    link = board_link(board_url, inc)
    segments = [{"key": s.key, "status": s.status, "since": iso(s.since_ms), **s.peak}
                for s in inc.segments.values()]
    return {"id": f"{inc.id}#{inc.seq}", "incident": inc.id, "seq": inc.seq, "change": change,
            "status": inc.status, "severity": inc.severity, "group": inc.group,
            "opened_at": iso(inc.opened_ms), "resolved_at": iso(inc.resolved_ms), "event_time_ms": inc.changed_ms,
            "title": title(inc),
            "summary": summary(inc, link), "segments": segments, "top_topics": inc.top_topics,
            "examples": inc.examples, "board_url": link}
