"""Identifiers that are personal data, replaced by a keyed hash before anything keeps them.

Publishers often use a customer's email or phone number as ``customer_id``, or
an account's phone number as ``account_id``; social posts carry the author's
handle. Those values are replaced by ``p-`` and 24 hex digits of
HMAC-SHA256 under a secret key (``CXPULSE_PSEUDONYM_KEY``): the same input
always gives the same pseudonym, so joins, repeat contacts, account measures
and unique-author counts still work, but nobody without the key can test a
guessed email against the store. Ids that look like neither (``cust-8812``,
``acct-42``) are kept as published: they mean nothing outside the publisher's
systems and the boards show them. Example::

    ids = Pseudonymiser(b"secret")
    ids("jo@example.com")     # 'p-3f0c...'
    ids("cust-8812")          # 'cust-8812'
    ids("@jo_smith", always=True)
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

from processors.redaction.contact import EMAIL
from processors.redaction.phones import DEFAULT_REGIONS, Phones

PREFIX = "p-"
_PHONE_LIKE = re.compile(r"\+?[\d ().-]{7,24}")
_INTERNATIONAL = re.compile(r"(?:\+|00)[1-9](?:[ ().-]?\d){6,14}")  # a phone whether or not its range is in use


class Pseudonymiser:
    """``__call__(value)``: the pseudonym of a personal-looking id, else the id itself."""

    def __init__(self, key: bytes, regions: Iterable[str] = DEFAULT_REGIONS) -> None:
        if len(key) < 16:
            raise ValueError("the pseudonym key needs at least 16 bytes")
        self.key = key
        self.phones = Phones(regions)

    def looks_personal(self, value: str) -> bool:
        if EMAIL.pattern.search(value):
            return True
        candidate = value.removeprefix("tel:")
        if _INTERNATIONAL.fullmatch(candidate):
            return True
        return bool(_PHONE_LIKE.fullmatch(candidate)) and any(True for _ in self.phones.spans(candidate))

    def __call__(self, value: str, always: bool = False) -> str:
        if not (always or self.looks_personal(value)):
            return value
        return PREFIX + hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()[:24]
