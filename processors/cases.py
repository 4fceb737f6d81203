"""Case measures: resolution time, first-contact resolution, reopens, backlog.

Example::

    from processors.cases import CaseChange, summarize
    [case] = summarize([CaseChange("c1", "opened", t0), CaseChange("c1", "resolved", t1)],
                       contacts={"c1": 1})
    case.first_contact_resolution    # True: resolved, one contact, never reopened

Definitions (docs/metrics.md):
- resolution time: first ``resolved`` minus first ``opened``.
- first-contact resolution: resolved, never reopened, at most one customer
  contact (chat, inbound email, call or social post) linked to the case.
- open (backlog): the latest status is opened, assigned or reopened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

OPEN_STATUSES = frozenset({"opened", "assigned", "reopened"})


@dataclass(frozen=True, slots=True)
class CaseChange:
    case_id: str
    status: str
    at: datetime
    agent_id: str = ""
    team: str = ""


@dataclass(frozen=True, slots=True)
class CaseSummary:
    case_id: str
    opened_at: datetime | None
    resolved_at: datetime | None
    status: str
    reopens: int
    contacts: int
    agent_id: str
    team: str

    @property
    def resolution_seconds(self) -> float | None:
        if self.opened_at is None or self.resolved_at is None:
            return None
        return (self.resolved_at - self.opened_at).total_seconds()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def first_contact_resolution(self) -> bool:
        return self.resolved_at is not None and self.reopens == 0 and self.contacts <= 1


def summarize(changes: Iterable[CaseChange], contacts: Mapping[str, int]) -> list[CaseSummary]:
    by_case: dict[str, list[CaseChange]] = {}
    for change in changes:
        by_case.setdefault(change.case_id, []).append(change)
    return [_summary(cid, sorted(cs, key=lambda c: c.at), contacts.get(cid, 0))
            for cid, cs in sorted(by_case.items())]


def _summary(case_id: str, changes: list[CaseChange], contacts: int) -> CaseSummary:
    def first(status: str) -> datetime | None:
        return next((c.at for c in changes if c.status == status), None)

    last = changes[-1]
    return CaseSummary(case_id, first("opened"), first("resolved"), last.status,
                       sum(c.status == "reopened" for c in changes), contacts,
                       last.agent_id, last.team)
