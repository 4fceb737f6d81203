"""The shape of an alert delivery target: one ``send`` that raises when it must be retried.

Example::

    class Printer:
        name = "print"
        def wants(self, note): return note["change"] != "refresh"
        async def send(self, note): print(note["title"])

``send`` raises :class:`Rejected` when retrying cannot help (the target
answered 4xx: a wrong URL or token), any other exception when it can
(connection refused, 5xx, timeout): the caller retries those with backoff.
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx


class Rejected(Exception):
    """The target refused the notification for good (HTTP 4xx other than 408 and 429)."""


class AlertTarget(Protocol):
    name: str

    def wants(self, note: dict[str, Any]) -> bool: ...

    async def send(self, note: dict[str, Any]) -> None: ...


def check(response: httpx.Response) -> None:
    """Raise Rejected for permanent failures, HTTPStatusError for retryable ones."""
    if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
        raise Rejected(f"HTTP {response.status_code}: {response.text[:200]}")
    response.raise_for_status()
