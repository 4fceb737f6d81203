import pytest

from processors.redaction import Redactor

R = Redactor()


@pytest.mark.parametrize(("text", "kind", "token"), [
    ("mail me at jo.smith+cx@example.co.uk please", "email", "[EMAIL]"),
    ("card 4111 1111 1111 1111 was charged", "card", "[CARD]"),
    ("card 4111-1111-1111-1111", "card", "[CARD]"),
    ("card 4111 1111 1111 1111 05 27 expiry", "card", "[CARD]"),
    ("IBAN DE89 3704 0044 0532 0130 00 REF7 please", "iban", "[IBAN]"),
    ("IBAN DE89 3704 0044 0532 0130 00 thanks", "iban", "[IBAN]"),
    ("GB82WEST12345698765432 is mine", "iban", "[IBAN]"),
    ("call +44 20 7946 0958 tomorrow", "phone", "[PHONE]"),
    ("my number is (415) 555-2671", "phone", "[PHONE]"),
    ("call +44 20 7946 0958 0 times", "phone", "[PHONE]"),
    ("Hi, my name is Anna Keller and I'm upset", "name", "[NAME]"),
])
def test_personal_data_is_replaced(text: str, kind: str, token: str) -> None:
    result = R.redact(text)
    assert token in result.text
    assert result.counts[kind] == 1


@pytest.mark.parametrize("text", [
    "order #123456789 arrived on 2024-01-15 at 10:30",
    "card 4111 1111 1111 1112 fails the checksum",
    "I waited 45 minutes, ticket 20240115",
    "DE00 1234 5678 9012 3456 78 is not a valid IBAN",
    "Thanks, that sorted it out in five minutes!",
    "Version 10.2.3 crashed at 10:30:15 on 15.01.2024",
    "I rang 3 times about order 5500-1234 at our Manchester store",
    "ticket 20240115 opened on 15.01.2024",
    "Version 10.2.3 crashed at 10:30:15",
    "I waited 3 hours, the Manchester store is a joke",
    "the parcel went to the Leeds depot on Monday",
    "sent via email 3 times",
    "During 3 days nothing happened",
    "refund of 49.99 EUR to the PayPal balance",
    "Dear Sir or Madam, the router is broken",
    "my account is 12 years old",
])
def test_lookalikes_survive(text: str) -> None:
    assert R.redact(text).text == text


def test_sign_off_name_is_redacted_but_greeting_kept() -> None:
    result = R.redact("Still broken.\n\nRegards,\nJohn Smith")
    assert result.text.endswith("[NAME]") and "John" not in result.text


def test_counts_several_kinds_once_each() -> None:
    result = R.redact("jo@example.com, 4111 1111 1111 1111, +44 20 7946 0958")
    assert result.counts == {"email": 1, "card": 1, "phone": 1} and result.total == 3
