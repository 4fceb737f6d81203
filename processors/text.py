"""Text clean-up before scoring: email replies, control characters, length.

Example::

    from processors.text import clean, latest_reply
    latest_reply("Still broken.\n\nOn Mon, Ann wrote:\n> fixed?")   # 'Still broken.'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mailparser_reply import EmailReplyParser

# Bidi overrides and zero-width characters hide or reorder text in boards.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00]")
_SPACES = re.compile(r"[ \t\f\v]+")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str, max_chars: int = 100_000) -> str:
    """NFC-normalise, drop invisible/control characters, collapse spaces, cap length."""
    text = text[: max_chars * 2]
    if text.isascii():  # most messages: one regex instead of a per-character check
        text = _ASCII_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
        text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", text).strip()[:max_chars]


@lru_cache(maxsize=1)
def _parser() -> EmailReplyParser:
    return EmailReplyParser(languages=["en", "de", "fr", "es", "nl", "it"])


def latest_reply(body: str) -> str:
    """The newest message of an email: quoted history and signature removed."""
    try:
        replies = _parser().read(text=body).replies
    except Exception:  # noqa: BLE001 - a parser quirk must not lose the email
        return body.strip()
    text = replies[0].body.strip() if replies else ""
    return text or body.strip()
