"""Is it happening now? What a delivery target is sent for a notification, given how late it was decided.

Example::

    page = outgoing(note, paged=False, now_ms=now, max_age_seconds=900)
    page is None                    # held: decided about the past, still open, not yet caught up
    page["change"]                  # 'opened' (late but still open), 'backlog' (over before we caught up)

A notification carries ``event_time_ms``, the detector's event time when it was
made (a refresh carries the detector's time at the refresh). It is **fresh**
when that is within ``CXPULSE_ALERT_MAX_AGE_SECONDS`` of wall time: the worker
has caught up. For an incident a target has not paged yet:

- fresh and still firing (a segment is firing): paged now as ``opened``, however
  late it was decided; its summary says it was decided while the pipeline was behind;
- over (resolved) before it was ever paged: one ``backlog`` summary at severity
  ``info``, titled "While the pipeline was behind: ...": recorded, never silent;
- stale and still open: held; the next fresh notification (at the latest the
  refresh every ``CXPULSE_ALERT_REFRESH_SECONDS``) decides.

An incident the target already paged is sent as it comes.
"""

from __future__ import annotations

from typing import Any

BEHIND = "While the pipeline was behind: "


def fresh(note: dict[str, Any], now_ms: int, max_age_seconds: float) -> bool:
    return note["event_time_ms"] >= now_ms - max_age_seconds * 1000


def outgoing(note: dict[str, Any], paged: bool, now_ms: int, max_age_seconds: float) -> dict[str, Any] | None:
    """The notification to give a target, or None to hold it (see the module docstring)."""
    if paged:
        return note
    if note["change"] == "resolved" or note["status"] == "resolved":
        return backlog(note)
    if not fresh(note, now_ms, max_age_seconds) or not any(s["status"] == "firing" for s in note["segments"]):
        return None
    if note["change"] == "opened":
        return note
    late = "Decided while the pipeline was behind (opened " + str(note["opened_at"]) + " event time); still open now."
    return note | {"change": "opened", "late": True, "summary": f"{note['summary']}\n{late}"}


def backlog(note: dict[str, Any]) -> dict[str, Any]:
    """An incident that opened and closed before anyone was paged: one low-severity summary."""
    labels = {**note.get("labels", {}), "severity": "info", "backlog": "true"}
    return note | {"change": "backlog", "severity": "info", "labels": labels, "title": BEHIND + note["title"],
                   "summary": BEHIND + note["summary"]}
