"""Account facts for the detector, looked up in the store just before they can be needed.

Example::

    directory = Directory(runtime)
    await directory.fill(detector, [bucket])   # before detector.observe([bucket])

An account incident opens on its fifth negative contact within the hour
(``CXPULSE_DETECT_ACCOUNT_BURST``); its owner and monthly value become routing
labels on its first page and never change after (Alertmanager's identity), so
they are fetched for the accounts one contact short of that, on the store's own
thread, once per account (kept for an hour, at most ``KEEP`` accounts). A store that cannot
answer costs the labels, never the page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from processors.detection import Bucket, SpikeDetector
from sinks.clickhouse.directory import account_facts
from streams.runtime import Runtime

log = logging.getLogger(__name__)
KEEP = 10_000
TTL_SECONDS = 3600.0


class Directory:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.fetched: dict[str, float] = {}  # account -> monotonic time of its lookup

    async def fill(self, detector: SpikeDetector, buckets: Sequence[Bucket]) -> None:
        now = time.monotonic()
        wanted = [a for a in detector.accounts_near_burst(buckets) if now - self.fetched.get(a, -TTL_SECONDS) >= TTL_SECONDS]
        if not wanted or not self.runtime.ready.is_set():
            return
        try:
            found = await self.runtime.store.run(account_facts, self.runtime.store.writer.client, wanted)
        except Exception as exc:  # noqa: BLE001 - the page goes out without owner and value
            log.warning("account lookup failed (%s): account incidents go out without owner and value",
                        type(exc).__name__)
            return
        if len(self.fetched) + len(wanted) > KEEP:
            self.fetched.clear()
            detector.directory.clear()
        detector.directory.update(found)
        self.fetched.update(dict.fromkeys(wanted, now))
