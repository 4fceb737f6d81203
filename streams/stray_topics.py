"""Topics under cxpulse's prefix that no agent reads: noticed, not lost silently.

Topics are created explicitly (``streams.topics``) and the local broker runs
with ``auto.create.topics.enable=false``, so a publisher that misspells a
topic gets an error. A broker that still auto-creates topics, or a topic made
by hand (``cx.chats``), would hold events nobody processes: this check lists
the broker's topics on a timer, logs each stray one once, and sets
``cx_stray_topic_messages{topic}`` to the messages waiting in it.

Example::

    stray = StrayTopics(settings, EndOffsets(settings))
    await stray.check()   # {"cx.chats": 12}
"""

from __future__ import annotations

import logging

from faust.types import TP

from sinks import metrics
from streams.end_offsets import EndOffsets
from streams.settings import Settings
from streams.topics import topic_names

log = logging.getLogger(__name__)
CHECK_SECONDS = 60.0


class StrayTopics:
    def __init__(self, settings: Settings, ends: EndOffsets) -> None:
        self.prefix = settings.topic_prefix
        self.known = set(topic_names(settings))
        self.ends = ends
        self.reported: set[str] = set()

    async def check(self) -> dict[str, int]:
        """Stray topic -> messages in it (the sum of its partitions' end offsets)."""
        partitions = await self.ends.partitions()
        stray = {t: ps for t, ps in partitions.items() if t.startswith(self.prefix) and t not in self.known}
        if not stray:
            return {}
        ends = await self.ends([TP(t, p) for t, ps in stray.items() for p in ps])
        counts = {t: sum(ends.get(TP(t, p), 0) for p in ps) for t, ps in stray.items()}
        for topic, count in counts.items():
            metrics.STRAY_TOPIC_MESSAGES.labels(topic).set(count)
            if topic not in self.reported:
                self.reported.add(topic)
                log.warning("topic %s is under the prefix %r but no agent reads it (%d messages); "
                            "publish to one of %s", topic, self.prefix, count, ", ".join(sorted(self.known)))
        return counts
