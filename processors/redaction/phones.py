"""Phone numbers, in the national formats of the customer base's countries.

Candidates are confirmed by ``phonenumbers`` (Google's libphonenumber rules): a
number with ``+`` or ``00`` is valid or not on its own; one without is read in
each of ``regions`` in turn (``CXPULSE_PHONE_REGIONS``), so "020 7946 0958",
"030 1234567", "01 23 45 67 89" and "098765 43210" are found when GB, DE, FR
and IN are among them. Order numbers and dates that are no valid number
anywhere survive. Example::

    Phones(("GB", "DE")).spans("ring 020 7946 0958 or 030/1234567")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import phonenumbers

from processors.redaction.recogniser import Span

DEFAULT_REGIONS = ("US", "GB", "DE", "FR", "IN")
DIGITS7 = re.compile(r"\d(?:\D{0,3}\d){6}")
INTERNATIONAL_00 = re.compile(r"(?<![\w+])00(?=[1-9])")
PHONE_RUN = re.compile(r"\+?\(?\d[\d \t()./-]{5,40}\d")
DATE_SHAPE = re.compile(r"\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([./-])\d{1,2}\2\d{2,4}")
MAX_PHONE_TRIES = 500  # beyond this, digit runs are redacted unvalidated (safe side)


def check_regions(regions: Iterable[str]) -> tuple[str, ...]:
    """Upper-cased CLDR region codes, or ValueError naming the unknown ones."""
    out = tuple(r.strip().upper() for r in regions if r.strip())
    unknown = [r for r in out if r not in phonenumbers.SUPPORTED_REGIONS]
    if unknown or not out:
        raise ValueError(f"unknown phone region(s) {', '.join(unknown) or '(none given)'}: "
                         "use two-letter codes such as US, GB, DE, FR, IN")
    return out


class Phones:
    kind = "phone"

    def __init__(self, regions: Iterable[str] = DEFAULT_REGIONS) -> None:
        self.regions = check_regions(regions)

    def spans(self, text: str) -> Iterator[Span]:
        if not DIGITS7.search(text):
            return
        probe = INTERNATIONAL_00.sub(" +", text)  # same length: offsets stay the original's
        found: list[Span] = []
        for region in self.regions:
            for m in phonenumbers.PhoneNumberMatcher(probe, region, phonenumbers.Leniency.VALID,
                                                     max_tries=MAX_PHONE_TRIES):
                start = m.start - 1 if probe[m.start] == "+" and text[m.start] == "0" else m.start
                found.append((start, m.end))
                probe = probe[: m.start] + "#" * (m.end - m.start) + probe[m.end :]
        tries = iter(range(MAX_PHONE_TRIES))
        for run in PHONE_RUN.finditer(probe):
            span = self._run(run, next(tries, None))
            if span is not None:
                found.append(span)
        yield from sorted(found)

    def _run(self, m: re.Match[str], attempt: int | None) -> Span | None:
        """Numbers the matcher missed: a valid number followed by more digits
        ("+44 20 7946 0958 0") or odd punctuation in it. Longest valid prefix wins;
        past MAX_PHONE_TRIES a run of 7+ digits is redacted unvalidated (pathological input)."""
        run = m.group(0)
        if DATE_SHAPE.fullmatch(run):
            return None
        if attempt is None:
            return m.span() if sum(ch.isdigit() for ch in run) >= 7 else None
        for end in reversed([g.end() for g in re.finditer(r"\d+", run)]):
            if self._valid(run[:end]):
                return m.start(), m.start() + end
        return None

    def _valid(self, candidate: str) -> bool:
        """Read in every region only with a trunk prefix ("0..."): without one, parsers accept
        many bare digit runs (a French "123456789", a German "20240115"); those are read in
        the first region alone."""
        national = candidate.lstrip("(")
        regions = self.regions if national.startswith(("0", "+")) else self.regions[:1]
        for region in regions:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(candidate, region)):
                    return True
            except phonenumbers.NumberParseException:
                continue
        return False
