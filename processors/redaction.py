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
from collections.abc import Callable
from dataclasses import dataclass, field

import phonenumbers
from stdnum import iban, luhn

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,}(?![\w-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,}\b")
GROUP = re.compile(r"[A-Z0-9]+")
DIGITS7 = re.compile(r"\d(?:\D{0,3}\d){6}")
PHONE_RUN = re.compile(r"\+?\(?\d[\d \t().-]{5,40}\d")
MAX_PHONE_TRIES = 500  # beyond this, digit runs are redacted unvalidated (safe side)
NAME_INTRO = re.compile(r"\b((?:[Mm]y name is|[Tt]his is|[Ii]t's|[Ii] am|[Ii]'m)\s+)([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
SIGN_OFF = re.compile(
    r"(?im)^(\s*(?:regards|kind regards|best regards|best|thanks|thank you|cheers|sincerely|"
    r"many thanks|br)[,!.]?\s*\n\s*)([A-Z][a-z]+(?:[ ][A-Z][a-z'-]+){0,2})\s*$"
)
_NOT_NAMES = frozenset(["Sent", "Hi", "Hello", "Support", "Team", "The", "Thanks", "Not", "Still", "Very", "Really",
                        "Just", "So", "Here"])


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
        text = _windows(CARD, text, "[CARD]", "card", counts, _is_card, max_len=19)
        text = _windows(IBAN, text, "[IBAN]", "iban", counts, _is_iban, max_len=34)
        if DIGITS7.search(text):
            text = self._phones(text, counts)
        text = self._names(text, counts)
        return Redacted(text, dict(counts))

    def _phones(self, text: str, counts: Counter[str]) -> str:
        matches = list(phonenumbers.PhoneNumberMatcher(text, self.region, phonenumbers.Leniency.VALID,
                                                       max_tries=MAX_PHONE_TRIES))
        for m in reversed(matches):
            text = text[: m.start] + "[PHONE]" + text[m.end :]
        if matches:
            counts["phone"] += len(matches)
        tries = iter(range(MAX_PHONE_TRIES))
        return PHONE_RUN.sub(lambda m: self._phone_run(m.group(0), counts, next(tries, None)), text)

    def _phone_run(self, run: str, counts: Counter[str], attempt: int | None) -> str:
        if attempt is not None:
            return self._phone_prefix(run, counts)
        if sum(ch.isdigit() for ch in run) >= 7:  # pathological input: do not validate
            counts["phone"] += 1
            return "[PHONE]"
        return run

    def _phone_prefix(self, run: str, counts: Counter[str]) -> str:
        """Numbers the matcher missed: a valid number followed by more digits
        ("+44 20 7946 0958 0") or odd punctuation before it. Longest valid prefix wins."""
        ends = [g.end() for g in re.finditer(r"\d+", run)]
        for end in reversed(ends):
            if self._valid_phone(run[:end]):
                counts["phone"] += 1
                return "[PHONE]" + run[end:]
        return run

    def _valid_phone(self, candidate: str) -> bool:
        try:
            return phonenumbers.is_valid_number(phonenumbers.parse(candidate, self.region))
        except phonenumbers.NumberParseException:
            return False

    def _names(self, text: str, counts: Counter[str]) -> str:
        def repl(m: re.Match[str]) -> str:
            if m.group(2).split()[0] in _NOT_NAMES:
                return m.group(0)
            counts["name"] += 1
            return m.group(1) + "[NAME]"

        return SIGN_OFF.sub(repl, NAME_INTRO.sub(repl, text))


def _is_card(compact: str) -> bool:
    return compact.isdigit() and 13 <= len(compact) <= 19 and luhn.is_valid(compact)


def _is_iban(compact: str) -> bool:
    return 15 <= len(compact) <= 34 and iban.is_valid(compact)


def _windows(pattern: re.Pattern[str], text: str, token: str, kind: str, counts: Counter[str],
             valid: Callable[[str], bool], max_len: int) -> str:
    """Redact every run of whole groups inside each candidate that validates.

    A candidate can hold neighbours ("4111 1111 1111 1111 05/27", two cards in a
    row, an IBAN followed by a reference), so checksums are tried on windows of
    at most ``max_len`` characters: linear in the candidate's length.
    """
    def repl(m: re.Match[str]) -> str:
        s, out, pos, i = m.group(0), [], 0, 0
        groups = list(GROUP.finditer(s))
        while i < len(groups):
            j = _longest_valid(groups, i, valid, max_len)
            if j is None:
                i += 1
                continue
            out.append(s[pos : groups[i].start()] + token)
            pos, i = groups[j].end(), j + 1
            counts[kind] += 1
        return "".join(out) + s[pos:]

    return pattern.sub(repl, text)


def _longest_valid(groups: list[re.Match[str]], i: int, valid: Callable[[str], bool],
                   max_len: int) -> int | None:
    best, compact = None, ""
    for j in range(i, len(groups)):
        compact += groups[j].group()
        if len(compact) > max_len:
            break
        if valid(compact):
            best = j
    return best


def _sub(pattern: re.Pattern[str], text: str, token: str, kind: str, counts: Counter[str],
         valid=lambda _: True) -> str:
    def repl(m: re.Match[str]) -> str:
        if not valid(m.group(0)):
            return m.group(0)
        counts[kind] += 1
        return token

    return pattern.sub(repl, text)
