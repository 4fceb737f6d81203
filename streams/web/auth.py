"""Bearer-token check for the ingest endpoint (constant-time comparison)."""

from __future__ import annotations

import hmac

from streams.settings import Settings


def check_bearer(settings: Settings, header: str | None) -> tuple[int, str] | None:
    """None when allowed, else ``(status, message)``."""
    if settings.ingest_auth_disabled:
        return None
    if settings.ingest_token is None:
        return 503, "ingest is disabled: set CXPULSE_INGEST_TOKEN (or CXPULSE_INGEST_AUTH_DISABLED=true locally)"
    scheme, _, token = (header or "").partition(" ")
    expected = settings.ingest_token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        return 401, "missing or wrong bearer token"
    return None
