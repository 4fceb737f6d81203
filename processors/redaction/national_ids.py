"""National identity numbers: US SSN, UK National Insurance, and the ids of the
other markets in the default phone regions, confirmed by ``python-stdnum`` where
the number carries a checksum.

Shapes that are unambiguous (an SSN written 123-45-6789, a NINO, an Indian PAN,
a Spanish DNI, an Italian codice fiscale, a French NIR) are found anywhere. A
bare run of digits is an id only after a word that names one ("SSN 123456789",
"BSN: 123456782", "Steuer-ID 12 345 678 901"): on its own it is as likely an
order number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.in_ import aadhaar, pan
from stdnum.it import codicefiscale
from stdnum.us import ssn

from processors.redaction.recogniser import PatternRecogniser, Span


def _checked(module: object) -> Callable[[str], bool]:
    is_valid: Callable[[str], bool] = module.is_valid  # type: ignore[attr-defined]
    return lambda candidate: bool(is_valid(candidate))


# UK NINO: two prefix letters (never D, F, I, Q, U, V; O not second; BG, GB, NK, KN, TN, NT, ZZ unused),
# six digits, a suffix A-D.
_NINO = (r"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
         r" ?\d{2} ?\d{2} ?\d{2} ?[A-D]")

SHAPED = (
    PatternRecogniser("national_id", re.compile(r"\b\d{3}([- ])\d{2}\1\d{4}\b"), _checked(ssn)),
    PatternRecogniser("national_id", re.compile(rf"\b{_NINO}\b")),
    PatternRecogniser("national_id", re.compile(r"\b[A-Z]{5}\d{4}[A-Z]\b"), _checked(pan)),
    PatternRecogniser("national_id", re.compile(r"\b\d{8}-?[A-Z]\b"), _checked(dni)),
    PatternRecogniser("national_id", re.compile(r"\b[XYZ]-?\d{7}-?[A-Z]\b"), _checked(nie)),
    PatternRecogniser("national_id", re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b", re.I),
                      _checked(codicefiscale)),
    PatternRecogniser("national_id", re.compile(r"\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3}(?: ?\d{2})\b"),
                      _checked(nir)),
    PatternRecogniser("national_id", re.compile(r"\b[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}\b"), _checked(aadhaar)),
)

_CUE = re.compile(
    r"(?i)\b(?:ssn|ss#|social security(?: number| no\.?)?|national insurance(?: number| no\.?)?|ni number|nino"
    r"|bsn|burgerservicenummer|steuer-?id(?:entifikationsnummer)?|steuernummer|tax id|tin|aadhaar|aadhar"
    r"|pan(?: card)?|passport(?: number| no\.?)?|dni|nie|nir|nif|nhs number|codice fiscale"
    r"|id(?:entity)? (?:number|no\.?|card)|national id|driver'?s? licen[cs]e(?: number)?|licen[cs]e number)"
    r"\s*(?:is|was|number|no\.?|#)?\s*[:#-]?\s*")
_AFTER_CUE = re.compile(r"[A-Z0-9](?:[ -]?[A-Z0-9]){5,17}\b", re.I)


@dataclass(frozen=True, slots=True)
class CuedIds:
    """Any 6-18 character code right after a word that names an identity document or number."""

    kind: str = "national_id"

    def spans(self, text: str) -> Iterator[Span]:
        for cue in _CUE.finditer(text):
            m = _AFTER_CUE.match(text, cue.end())
            if m and any(ch.isdigit() for ch in m.group(0)):
                yield m.span()


NATIONAL_IDS = (*SHAPED, CuedIds())
