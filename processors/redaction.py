"""Personal data out of free text, before anything is stored or logged.

Example::

    from processors.redaction import Redactor
    Redactor().redact("Call me on +44 20 7946 0958 or mail jo@example.com")
    # Redacted(text='Call me on [PHONE] or mail [EMAIL]', counts={'phone': 1, 'email': 1})

Candidates are found with cheap regular expressions and confirmed with
well-kept validators, so order numbers and dates survive: cards must pass the
Luhn check and IBANs the mod-97 check (``python-stdnum``); phone numbers must
be valid numbers for their country (``phonenumbers``, Google's libphonenumber
rules; numbers without ``+`` are read in ``default_region``). Names are caught
where the text introduces them ("my name is ...", a sign-off line).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import phonenumbers
from stdnum import iban, luhn

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
DIGITS7 = re.compile(r"\d(?:\D{0,3}\d){6}")
NAME_INTRO = re.compile(r"\b((?:[Mm]y name is|[Tt]his is|[Ii]t's|[Ii] am|[Ii]'m)\s+)([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
SIGN_OFF = re.compile(
    r"(?im)^(\s*(?:regards|kind regards|best regards|best|thanks|thank you|cheers|sincerely|"
    r"many thanks|br)[,!.]?\s*\n\s*)([A-Z][a-z]+(?:[ ][A-Z][a-z'-]+){0,2})\s*$"
)
_NOT_NAMES = frozenset("Sent Hi Hello Support Team The Thanks Not Still Very Really Just So Here".split())


@dataclass(frozen=True, slots=True)
class Redacted:
    text: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Redactor:
    """Replace personal data with ``[EMAIL]``, ``[CARD]``, ``[IBAN]``, ``[PHONE]``, ``[NAME]``."""

    def __init__(self, default_region: str = "US") -> None:
        self.region = default_region

    def redact(self, text: str) -> Redacted:
        counts: Counter[str] = Counter()
        text = _sub(EMAIL, text, "[EMAIL]", "email", counts)
        text = _sub(CARD, text, "[CARD]", "card", counts, lambda m: luhn.is_valid(_digits(m)))
        text = _sub(IBAN, text, "[IBAN]", "iban", counts, lambda m: iban.is_valid(m.replace(" ", "")))
        if DIGITS7.search(text):
            text = self._phones(text, counts)
        text = self._names(text, counts)
        return Redacted(text, dict(counts))

    def _phones(self, text: str, counts: Counter[str]) -> str:
        matches = list(phonenumbers.PhoneNumberMatcher(text, self.region, phonenumbers.Leniency.VALID))
        for m in reversed(matches):
            text = text[: m.start] + "[PHONE]" + text[m.end :]
        if matches:
            counts["phone"] += len(matches)
        return text

    def _names(self, text: str, counts: Counter[str]) -> str:
        def repl(m: re.Match[str]) -> str:
            if m.group(2).split()[0] in _NOT_NAMES:
                return m.group(0)
            counts["name"] += 1
            return m.group(1) + "[NAME]"

        return SIGN_OFF.sub(repl, NAME_INTRO.sub(repl, text))


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _sub(pattern: re.Pattern[str], text: str, token: str, kind: str, counts: Counter[str],
         valid=lambda _: True) -> str:  # type: ignore[no-untyped-def]
    def repl(m: re.Match[str]) -> str:
        if not valid(m.group(0)):
            return m.group(0)
        counts[kind] += 1
        return token

    return pattern.sub(repl, text)
