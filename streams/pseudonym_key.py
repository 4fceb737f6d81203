"""The secret key of the identifier pseudonyms (``processors.redaction.identifiers``).

Production sets ``CXPULSE_PSEUDONYM_KEY`` (at least 16 characters, the same on
every worker: a pseudonym must mean the same customer everywhere). Without it a
worker keeps a random key in ``<data_dir>/pseudonym.key`` (mode 0600), made on
first start and reused after, which serves one local worker; it warns once.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from streams.settings import Settings

log = logging.getLogger(__name__)


def pseudonym_key(settings: Settings) -> bytes:
    if settings.pseudonym_key is not None:
        return settings.pseudonym_key.get_secret_value().encode()
    path = Path(settings.data_dir) / "pseudonym.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        log.warning("CXPULSE_PSEUDONYM_KEY is not set: made a local key in %s (set the variable, the same on "
                    "every worker, in production)", path)
    return path.read_text().strip().encode()
