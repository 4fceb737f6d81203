"""Personal data out of free text, before anything is stored, logged or sent.

Example::

    from processors.redaction import Redactor
    Redactor().redact("Call me on +44 20 7946 0958 or mail jo@example.com")
    # Redacted(text='Call me on [PHONE] or mail [EMAIL]', counts={'email': 1, 'phone': 1})

Recognisers run in a fixed order, each on the text the previous ones left, so
a shape claimed early (an email, an IBAN, a date of birth) is not read again as
a phone number or a name: emails, IP addresses, IBANs, cards, national ids,
dates of birth, street addresses, phones, then names. Each span becomes
``[KIND]`` (``[EMAIL]``, ``[IP]``, ``[IBAN]``, ``[CARD]``, ``[NATIONAL_ID]``,
``[DOB]``, ``[ADDRESS]``, ``[PHONE]``, ``[NAME]``). Validators that carry a
checksum or a numbering plan (Luhn, mod-97, libphonenumber, the national id
checks of ``python-stdnum``) keep order numbers and dates in place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from processors.redaction.addresses import ADDRESSES
from processors.redaction.birth_dates import BIRTH_DATE
from processors.redaction.contact import EMAIL, IP
from processors.redaction.names import MODEL, Names
from processors.redaction.national_ids import NATIONAL_IDS
from processors.redaction.payment import CARD, IBAN, SHORT_CARD
from processors.redaction.phones import DEFAULT_REGIONS, Phones
from processors.redaction.recogniser import NeedsDigit, Recogniser, Span, merged
from processors.redaction.redacted import Redacted


def default_recognisers(regions: Iterable[str] = DEFAULT_REGIONS, names_model: str | None = MODEL
                        ) -> tuple[Recogniser, ...]:
    """The recognisers in the order they run; ``names_model=None`` leaves names to the rules
    alone (no spaCy), for tools that must start fast."""
    numeric = (IBAN, CARD, SHORT_CARD, *NATIONAL_IDS, BIRTH_DATE, *ADDRESSES, Phones(regions))
    return (EMAIL, IP, *(NeedsDigit(r) for r in numeric), Names(names_model))


class Redactor:
    """Replaces each kind of personal data with its ``[KIND]`` token and counts what it removed."""

    def __init__(self, regions: Iterable[str] = DEFAULT_REGIONS,
                 recognisers: Sequence[Recogniser] | None = None) -> None:
        self.recognisers = tuple(recognisers) if recognisers is not None else default_recognisers(regions)

    def redact(self, text: str) -> Redacted:
        return self.redact_many([text])[0]

    def redact_many(self, texts: Sequence[str]) -> list[Redacted]:
        """Each text redacted; recognisers that take batches (the name model) see them all at once."""
        out = list(texts)
        counts: list[Counter[str]] = [Counter() for _ in out]
        for recogniser in self.recognisers:
            many = getattr(recogniser, "spans_many", None)
            found = many(out) if many is not None else [list(recogniser.spans(t)) for t in out]
            token = f"[{recogniser.kind.upper()}]"
            for i, spans in enumerate(found):
                if spans:
                    joined = merged(spans)
                    out[i] = _replace(out[i], joined, token)
                    counts[i][recogniser.kind] += len(joined)
        return [Redacted(t, dict(c)) for t, c in zip(out, counts, strict=True)]


def _replace(text: str, spans: list[Span], token: str) -> str:
    parts, pos = [], 0
    for s, e in spans:
        parts += [text[pos:s], token]
        pos = e
    return "".join(parts) + text[pos:]
