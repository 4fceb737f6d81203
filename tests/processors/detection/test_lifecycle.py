from processors.detection import DetectorConfig, Finding
from processors.detection.lifecycle import AlertState, step

CFG = DetectorConfig(pending_seconds=30, resolve_seconds=300, cooldown_seconds=600)


def finding(p: float) -> Finding:
    return Finding("channel:chat", "negative_rate", 5, 30, 40, 0.75, 0.25, 0.6, 0.86, p)


def walk(points: list[tuple[int, float | None]]) -> list[str | None]:
    state, changes = AlertState("negative_rate|channel:chat"), list[str | None]()
    for t, p in points:
        state, change = step(state, finding(p) if p is not None else None, t * 1000, CFG)
        changes.append(change)
    return changes


def test_pending_then_firing_once_significant_long_enough() -> None:
    assert walk([(0, 1e-9), (10, 1e-9), (30, 1e-9), (40, 1e-9)]) == ["pending", None, "firing", None]


def test_a_blip_is_cancelled_not_paged() -> None:
    assert walk([(0, 1e-9), (10, None)]) == ["pending", "cancelled"]


def test_hysteresis_keeps_firing_while_abnormal_and_resolves_after_calm() -> None:
    changes = walk([(0, 1e-9), (30, 1e-9), (100, 1e-4), (350, 0.5), (399, None), (400, None)])
    assert changes == ["pending", "firing", None, None, None, "resolved"]


def test_cooldown_stops_a_flapping_alert_from_paging_again() -> None:
    points = [(0, 1e-9), (30, 1e-9), (400, None), (500, 1e-9), (999, 1e-9), (1010, 1e-9), (1040, 1e-9)]
    assert walk(points) == ["pending", "firing", "resolved", None, None, "pending", "firing"]
