"""Card numbers and IBANs, confirmed by their checksums (``python-stdnum``).

Cards are 13 to 19 digits that pass the Luhn check, or 12 standing alone
(Maestro issues 12-digit ones; inside a longer run, one in ten 12-digit windows
would pass); IBANs pass ISO 13616's mod-97 check, so order numbers and invalid
look-alikes survive.
"""

from __future__ import annotations

import re

from stdnum import iban, luhn

from processors.redaction.recogniser import ChecksumRecogniser, PatternRecogniser


def _is_card(compact: str) -> bool:
    return compact.isdigit() and 13 <= len(compact) <= 19 and luhn.is_valid(compact)


def _is_short_card(candidate: str) -> bool:
    compact = candidate.replace(" ", "").replace("-", "")
    return len(compact) == 12 and luhn.is_valid(compact)


def _is_iban(compact: str) -> bool:
    return 15 <= len(compact) <= 34 and iban.is_valid(compact)


CARD = ChecksumRecogniser("card", re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,}(?![\w-])"), _is_card, 19)
SHORT_CARD = PatternRecogniser("card", re.compile(r"(?<![\w-])\d{4}([ -]?)\d{4}\1\d{4}(?![\w-]|[ -]\d)"),
                               _is_short_card)
IBAN = ChecksumRecogniser("iban", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,}\b"), _is_iban, 34)
