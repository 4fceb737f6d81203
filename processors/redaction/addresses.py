"""Street addresses and postcodes, in the forms of English, German, Dutch,
Scandinavian, French, Spanish, Italian and Portuguese addresses.

A street address is a house number next to a street word: "221B Baker Street",
"1600 Pennsylvania Ave NW, Apt 4", "Hauptstraße 5", "Keizersgracht 123",
"12 rue de la Paix", "Calle Mayor 3, 2º", "Via Roma 10". What follows it on the
same line (flat, postcode, town, state) goes with it; a UK postcode or a US
"ST 12345" is redacted wherever it stands. Town names alone are kept: they are
what boards group by and are not personal on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from processors.redaction.recogniser import PatternRecogniser, Span

_CAP = r"(?:[^\W\d_a-zß-ÿ][\w'\u2019.-]*|\d+(?:st|nd|rd|th))"  # capitalised word or "5th"
_SUFFIX = (r"(?:street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl"
           r"|terrace|ter|close|crescent|cres|square|sq|parkway|pkwy|highway|hwy|circle|cir|row|walk"
           r"|gardens|grove|hill|mews|trail|trl|loop|alley|plaza|park|rise|view|green|parade|wharf"
           r"|esplanade|embankment|quay|gate|vale|pike|turnpike|expressway|expy|freeway|fwy|route|rte"
           r"|marg|nagar|colony|chowk|path)\.?")
_UNIT = (r"(?:,?\s*(?i:apt|apartment|suite|ste|unit|flat|floor|fl|bldg|building|room|appartamento|interno|scala"
         r"|piso|puerta|étage|etage|wohnung|whg|#)\.?\s*#?\s*[\w-]{1,6})?")
_PREFIX = r"(?:(?i:flat|apt|apartment|unit|suite|h\.?\s?no\.?|house no\.?)\s*[\w-]{1,5},?\s+)?"
_NUMBER = r"\d{1,5}(?:\s?[A-Za-z](?![\w]))?(?:[-/]\d{1,5}[A-Za-z]?)?"
# Germanic compounds ("Hauptstraße", "Keizersgracht", "Storgatan") and Romance street words before the name.
_COMPOUND = (r"[^\W\d_a-zß-ÿ][\w-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|damm|ufer|chaussee|straat|laan"
             r"|plein|gracht|kade|singel|dijk|steeg|gatan|gata|vägen|vej|gade|veien)")
_ROMANCE = (r"(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|calle|c/|avenida|avda\.?"
            r"|plaza|paseo|carrer|via|viale|piazza|corso|vicolo|largo|rua|travessa|praça|alameda|estrada)")
_LINK = r"(?:de|du|des|la|le|les|l'|d'|del|della|dei|do|da|dos|das|y|e)"
_ROMANCE_NAME = rf"(?i:{_ROMANCE})\s+(?:(?i:{_LINK})\s*)*{_CAP}(?:\s+(?:(?i:{_LINK})\s*)*{_CAP}){{0,3}}"
# The rest of the line: ", 2º B", ", Springfield, IL 62704", ", 10115 Berlin", ", London SW1A 1AA".
_TOWN1 = r"[^\W\d_a-zß-ÿ][^\W\d_]*(?:[-'\u2019][^\W\d_]+)*(?!\w)"
_TOWN = rf"{_TOWN1}(?:\s+(?:(?:[a-z]{{1,4}}|vorm|upon|sur|sous)\s+){{0,2}}{_TOWN1}){{0,3}}"
_POSTCODE = (r"(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[AC-FHKNPRTV-Y]\d{2}\s?[0-9AC-FHKNPRTV-Y]{4}|\d{4} ?[A-Z]{2}"
             r"|\d{6}|[A-Z]-\d{4,5})(?!\w)")
_TAIL = (rf"(?:\s*,\s*(?:{_POSTCODE}(?:\s+{_TOWN})?|\d{{3}} \d{{2}}(?:\s{_TOWN})?|\d{{4,5}}(?:-\d{{3,4}})?(?!\w)(?:\s{_TOWN})?"
         rf"|\d{{1,3}}(?:[ºª°]?\s?[A-Z]\b|[ºª°])?(?!\w)"
         rf"|{_TOWN}(?:\s+[A-Z]{{2}}\b)?(?:\s+\d{{5}}(?:-\d{{4}})?)?)"
         rf"|(?:\s+|-)(?:\d{{5}}(?:-\d{{4}})?|{_POSTCODE})(?:\s+{_TOWN})?(?!\w))*"
         r"(?:\s*\([A-Z]{2}\)|\s*/\s*[A-Z]{2}\b)?")

STREET = PatternRecogniser("address", re.compile(
    rf"{_PREFIX}(?:\b{_NUMBER},?\s+(?:{_CAP}\s+){{1,4}}(?i:{_SUFFIX})(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    rf"|\b{_NUMBER},?\s+{_ROMANCE_NAME}"
    rf"|\b{_ROMANCE_NAME},?\s+(?:n[º°o.]\s*)?{_NUMBER}"
    rf"|\b{_COMPOUND}\.?\s+{_NUMBER})(?![\w])"
    rf"{_UNIT}{_TAIL}"))

# Street forms without a known street word, told by their shape: "501 Claudia Valleys Suite 409,
# North Jessica, NV 07574", "ul. Okulickiego 19, 80-025 Śrem", "Béke utca 25., H-6893 Alsóhátbánya".
_POSTAL = r"(?:[A-Z]-)?(?:\d{2}-\d{3}|\d{4,5}(?:-\d{3,4})?|\d{4} ?[A-Z]{2}|\d{3} \d{2}|\d{8})(?!\w)"
_STREET_WORDS = (rf"(?:(?:ul|al|pl|os|str)\.\s*|(?:plac|rua|rue|via|calle|strada|viale|piazza|utca)\s+)?"
                 rf"{_CAP}(?:[\s-]+(?:(?i:{_LINK})\s+)?(?:{_CAP}|[a-zà-ÿ]{{3,6}}\b)){{0,4}}")
SHAPED = PatternRecogniser("address", re.compile(
    rf"{_PREFIX}(?:\b{_NUMBER},?\s+{_CAP}(?:\s+{_CAP}){{0,3}}{_UNIT}\s*,\s*{_TOWN}"
    rf"(?:\s*,\s*(?:[A-Z]{{2}}\s+)?{_POSTAL})?"
    rf"|\b{_STREET_WORDS},?\s+{_NUMBER}\.?{_UNIT}\s*,\s*(?:{_CAP}(?:\s+{_CAP}){{0,2}},\s*)?"
    rf"(?:{_POSTAL},?\s+{_TOWN}|{_TOWN},\s*{_POSTAL}))"
    rf"{_TAIL}"))
EIRCODE = PatternRecogniser("address", re.compile(r"\b[AC-FHKNPRTV-Y]\d{2}\s?[0-9AC-FHKNPRTV-Y]{4}\b"))
UK_POSTCODE = PatternRecogniser("address", re.compile(
    r"\b(?:GIR ?0AA|(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2})\b"))
US_ZIP = PatternRecogniser("address", re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT"
    r"|V[AT]|W[AIVY]),?\s+\d{5}(?:-\d{4})?\b"))

_UNIT_BEFORE = re.compile(r"(?i:flat|apt|apartment|unit|suite|h\.?\s?no\.?|house no\.?)\.?\s*[\w-]{0,5}\s*[,.]?\s*$")


@dataclass(frozen=True, slots=True)
class Addresses:
    """Every address form above, each span widened left over a unit it follows ("Flat 64N, ...")."""

    kind: str = "address"
    forms: tuple[PatternRecogniser, ...] = (STREET, SHAPED)

    def spans(self, text: str) -> Iterator[Span]:
        for form in self.forms:
            for start, end in form.spans(text):
                unit = _UNIT_BEFORE.search(text, max(0, start - 16), start)
                yield (unit.start() if unit else start), end


ADDRESSES = (Addresses(), UK_POSTCODE, EIRCODE, US_ZIP)
