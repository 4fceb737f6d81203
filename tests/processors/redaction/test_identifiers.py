"""Ids that are emails or phone numbers become keyed pseudonyms; publishers' own ids stay."""

import pytest

from processors.redaction.identifiers import Pseudonymiser

KEY = b"test-key-0123456789abcdef"
IDS = Pseudonymiser(KEY)


@pytest.mark.parametrize("value", ["jo@example.com", "mailto:jo@example.com", "+447911123456", "0044 7911 123456",
                                   "tel:+14155552671", "(415) 555-2671", "020 7946 0958"])
def test_personal_looking_ids_are_pseudonymised(value: str) -> None:
    out = IDS(value)
    assert out.startswith("p-") and len(out) == 26 and value not in out


@pytest.mark.parametrize("value", ["cust-8812", "acct-42", "agent-7", "case-2024-0001", "zendesk:12345", "20240115"])
def test_publishers_own_ids_are_kept(value: str) -> None:
    assert IDS(value) == value


def test_same_value_same_pseudonym_other_key_other_pseudonym() -> None:
    assert IDS("jo@example.com") == IDS("jo@example.com") != IDS("ann@example.com")
    assert Pseudonymiser(b"another-key-0123456789")("jo@example.com") != IDS("jo@example.com")


def test_handles_are_pseudonymised_always() -> None:
    assert IDS("@jo_smith", always=True).startswith("p-")


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        Pseudonymiser(b"short")
