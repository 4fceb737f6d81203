from datetime import UTC, datetime, timedelta

from processors.cases import CaseChange, summarize

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def changes(case_id: str, *steps: tuple[str, float]) -> list[CaseChange]:
    return [CaseChange(case_id, status, T0 + timedelta(hours=h), "agent-1", "billing") for status, h in steps]


def test_resolved_once_with_one_contact_is_first_contact_resolution() -> None:
    [case] = summarize(changes("c1", ("opened", 0), ("assigned", 0.5), ("resolved", 4)), {"c1": 1})
    assert case.first_contact_resolution and not case.is_open
    assert case.resolution_seconds == 4 * 3600


def test_reopened_or_second_contact_is_not_first_contact_resolution() -> None:
    reopened = changes("c1", ("opened", 0), ("resolved", 2), ("reopened", 30), ("resolved", 40))
    [case] = summarize(reopened, {"c1": 1})
    assert case.reopens == 1 and not case.first_contact_resolution
    assert case.resolution_seconds == 2 * 3600  # the first resolution counts
    [twice] = summarize(changes("c2", ("opened", 0), ("resolved", 2)), {"c2": 2})
    assert not twice.first_contact_resolution


def test_open_cases_make_the_backlog_and_have_no_resolution_time() -> None:
    cases = summarize(changes("c1", ("opened", 0), ("assigned", 1)) +
                      changes("c2", ("opened", 0), ("resolved", 1), ("reopened", 5)), {})
    assert [c.is_open for c in cases] == [True, True]
    assert cases[0].resolution_seconds is None and not cases[0].first_contact_resolution


def test_events_out_of_order_are_sorted_by_time() -> None:
    [case] = summarize(list(reversed(changes("c1", ("opened", 0), ("resolved", 3), ("closed", 27)))), {})
    assert case.status == "closed" and case.resolution_seconds == 3 * 3600


def test_no_cases() -> None:
    assert summarize([], {}) == []
