from datetime import UTC, datetime, timedelta

from processors.repeats import Contact, repeat_contacts

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def contact(eid: str, days: float, channel: str = "chat", topics: tuple[str, ...] = ("billing",),
            customer: str = "cust-1") -> Contact:
    return Contact(eid, customer, channel, topics, T0 + timedelta(days=days))


def test_same_topic_on_another_channel_within_seven_days_repeats() -> None:
    assert repeat_contacts([contact("e1", 0, "chat"), contact("e2", 3, "call")]) == {("e2", "billing")}


def test_seven_day_boundary_is_inclusive() -> None:
    assert repeat_contacts([contact("e1", 0), contact("e2", 7)]) == {("e2", "billing")}
    assert repeat_contacts([contact("e1", 0), contact("e2", 7 + 1 / 86_400_000)]) == set()


def test_window_counts_from_the_latest_contact() -> None:
    chain = [contact("e1", 0), contact("e2", 5), contact("e3", 11)]
    assert repeat_contacts(chain) == {("e2", "billing"), ("e3", "billing")}


def test_other_topic_or_customer_is_not_a_repeat() -> None:
    assert repeat_contacts([contact("e1", 0), contact("e2", 1, topics=("delivery",))]) == set()
    assert repeat_contacts([contact("e1", 0), contact("e2", 1, customer="cust-2")]) == set()
    assert repeat_contacts([contact("e1", 0, customer=""), contact("e2", 1, customer="")]) == set()


def test_multi_label_contacts_repeat_per_topic() -> None:
    got = repeat_contacts([contact("e1", 0, topics=("billing", "refund")), contact("e2", 2, topics=("refund",))])
    assert got == {("e2", "refund")}


def test_input_order_does_not_matter() -> None:
    assert repeat_contacts([contact("e2", 3), contact("e1", 0)]) == {("e2", "billing")}
