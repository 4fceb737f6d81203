"""One alert's life: normal -> pending -> firing -> resolved (normal), with hysteresis.

Example::

    state = AlertState("negative_rate|channel:email")
    state, change = step(state, finding, now_ms, cfg)     # change: "pending", "firing", ...

A significant window (p <= alpha) makes an alert pending; still significant
``pending_seconds`` later (event time) it fires. It stays firing while any
window is merely abnormal (p <= alpha_resolve, a weaker bar) and resolves
after ``resolve_seconds`` without one. A resolved alert cannot fire again
during ``cooldown_seconds``. Flapping around one threshold cannot page twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding

Status = Literal["normal", "pending", "firing"]
Change = Literal["pending", "firing", "cancelled", "resolved"]


@dataclass(frozen=True, slots=True)
class AlertState:
    key: str  # the dedup key: "<metric>|<series>"
    status: Status = "normal"
    since_ms: int = 0  # pending since / firing since
    abnormal_ms: int = 0  # last time a window was abnormal
    resolved_ms: int = 0
    incident: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlertState:
        return cls(**data)


def step(state: AlertState, finding: Finding | None, now_ms: int,
         cfg: DetectorConfig) -> tuple[AlertState, Change | None]:
    significant = finding is not None and finding.p_value <= cfg.alpha
    abnormal = finding is not None and finding.p_value <= cfg.alpha_resolve
    if state.status == "normal":
        cooling = state.resolved_ms and now_ms - state.resolved_ms < cfg.cooldown_seconds * 1000
        if significant and not cooling:
            return replace(state, status="pending", since_ms=now_ms, abnormal_ms=now_ms), "pending"
        return state, None
    if state.status == "pending":
        if significant and now_ms - state.since_ms >= cfg.pending_seconds * 1000:
            return replace(state, status="firing", abnormal_ms=now_ms), "firing"
        if not abnormal:
            return replace(state, status="normal"), "cancelled"
        return replace(state, abnormal_ms=now_ms), None
    if abnormal:
        return replace(state, abnormal_ms=now_ms), None
    if now_ms - state.abnormal_ms >= cfg.resolve_seconds * 1000:
        return replace(state, status="normal", resolved_ms=now_ms, incident=""), "resolved"
    return state, None
