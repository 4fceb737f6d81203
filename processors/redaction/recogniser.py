"""What a recogniser is: one kind of personal data, found as character spans.

Each recogniser answers one question, "where in this text is my kind?", so the
redactor can run them in order and a new kind is one small class. Example::

    from processors.redaction.recogniser import PatternRecogniser
    import re
    digits = PatternRecogniser("pin", re.compile(r"\\bPIN \\d{4}\\b"))
    list(digits.spans("my PIN 1234"))   # [(3, 11)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

Span = tuple[int, int]


class Recogniser(Protocol):
    """Finds one kind of personal data; ``kind`` names it in counts and in the ``[KIND]`` token."""

    @property
    def kind(self) -> str: ...

    def spans(self, text: str) -> Iterator[Span]: ...


class BatchRecogniser(Recogniser, Protocol):
    """A recogniser that is cheaper on many texts at once (a model): the redactor hands it a batch."""

    def spans_many(self, texts: list[str]) -> list[list[Span]]: ...


def merged(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans joined, in order."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _always(_: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class PatternRecogniser:
    """A regular expression, optionally confirmed by a validator (a checksum, a parser).

    ``group`` picks the part of the match that is personal (the date after "born on").
    """

    kind: str
    pattern: re.Pattern[str]
    valid: Callable[[str], bool] = _always
    group: int = 0

    def spans(self, text: str) -> Iterator[Span]:
        for m in self.pattern.finditer(text):
            if self.valid(m.group(self.group)):
                yield m.span(self.group)


_GROUP = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True, slots=True)
class ChecksumRecogniser:
    """Runs of whole digit/letter groups inside each candidate that pass a checksum.

    A candidate can hold neighbours ("4111 1111 1111 1111 05/27", two cards in a
    row, an IBAN followed by a reference), so the checksum is tried on windows of
    at most ``max_len`` characters, longest first: linear in the candidate's length.
    """

    kind: str
    pattern: re.Pattern[str]
    valid: Callable[[str], bool]
    max_len: int

    def spans(self, text: str) -> Iterator[Span]:
        for m in self.pattern.finditer(text):
            groups = list(_GROUP.finditer(m.group(0)))
            i = 0
            while i < len(groups):
                j = self._longest_valid(groups, i)
                if j is None:
                    i += 1
                    continue
                yield m.start() + groups[i].start(), m.start() + groups[j].end()
                i = j + 1

    def _longest_valid(self, groups: list[re.Match[str]], i: int) -> int | None:
        best, compact = None, ""
        for j in range(i, len(groups)):
            compact += groups[j].group()
            if len(compact) > self.max_len:
                break
            if self.valid(compact):
                best = j
        return best


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class NeedsDigit:
    """Runs ``inner`` only on texts with a digit: most messages have none, and every
    number-bearing kind (cards, ids, dates, addresses, phones) is skipped for them at once."""

    inner: Recogniser

    @property
    def kind(self) -> str:
        return self.inner.kind

    def spans(self, text: str) -> Iterator[Span]:
        if _DIGIT.search(text):
            yield from self.inner.spans(text)
