"""Retry until it works: for steps whose failure must never drop or skip events.

Example::

    async for attempt in retry_forever(log, max_wait=30):
        with attempt:
            await write(batch)

Any exception is retried with capped exponential backoff and jitter, except
the ``give_up`` types, which are raised at once; cancellation (worker
shutdown) still stops the loop.
"""

from __future__ import annotations

import logging

from tenacity import (
    AsyncRetrying,
    before_sleep_log,
    retry_if_exception_type,
    retry_if_not_exception_type,
    wait_exponential_jitter,
)


def retry_forever(log: logging.Logger, max_wait: float, level: int = logging.WARNING,
                  give_up: tuple[type[Exception], ...] = ()) -> AsyncRetrying:
    retry = retry_if_exception_type(Exception) & retry_if_not_exception_type(give_up)
    return AsyncRetrying(retry=retry,
                         wait=wait_exponential_jitter(multiplier=0.5, max=max_wait),
                         before_sleep=before_sleep_log(log, level), reraise=True)
