"""Messages that every first start prints, told apart from real trouble.

A worker joining its group on a broker that has just been started asks for a
group coordinator before the broker has created ``__consumer_offsets``;
aiokafka logs that as ``ERROR Group Coordinator Request failed:
GroupCoordinatorNotAvailableError`` and ``WARNING Marking the coordinator
dead``, retries, and joins a moment later. Newcomers read them as failures.
During the first minute of the process these two are logged at INFO with what
they mean; later they keep their level, because then they are news (a broker
lost in production).

Example::

    install(window_s=60.0)  # once, after logging is configured
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

_LOGGER = "aiokafka.consumer.group_coordinator"
_EXPECTED = ("Group Coordinator Request failed: [Error 15]", "Marking the coordinator dead")
_NOTE = " (expected at start: the broker is still electing the group coordinator; retried)"


class StartupNoise(logging.Filter):
    """Lowers the expected start-up messages to INFO while the process is young."""

    def __init__(self, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._until = self._clock() + window_s

    def filter(self, record: logging.LogRecord) -> bool:
        if self._clock() < self._until and record.getMessage().startswith(_EXPECTED):
            record.msg, record.args = record.getMessage() + _NOTE, ()
            record.levelno, record.levelname = logging.INFO, "INFO"
            return logging.getLogger(record.name).isEnabledFor(logging.INFO)
        return True


def install(window_s: float = 60.0) -> StartupNoise:
    noise = StartupNoise(window_s)
    logging.getLogger(_LOGGER).addFilter(noise)
    return noise
