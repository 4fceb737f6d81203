"""Requests per caller on the ingest endpoint, a moving window per bearer token.

Example::

    limit = RateLimit("50/second")
    wait = limit.hit(caller_of("Bearer s3cret", "127.0.0.1"))   # 0 when allowed
    # else: answer 429 with Retry-After: wait

A caller is its token (hashed, so the token itself is never a key in memory
dumps or logs), or its address when auth is disabled for local use. One
publisher stuck in a retry loop then cannot starve the others.
"""

from __future__ import annotations

import hashlib
import math
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


def caller_of(authorization: str | None, address: str | None) -> str:
    _, _, token = (authorization or "").partition(" ")
    if token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:16]
    return f"addr:{address or '?'}"


class RateLimit:
    def __init__(self, spec: str) -> None:
        """``spec`` in the ``limits`` notation, e.g. ``"50/second"`` or ``"1000/minute"``."""
        self.item = parse(spec)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, caller: str) -> int:
        """Count one request; 0 if allowed, else the seconds to wait before retrying."""
        if self.limiter.hit(self.item, caller):
            return 0
        reset = self.limiter.get_window_stats(self.item, caller).reset_time
        return max(1, math.ceil(reset - time.time()))
