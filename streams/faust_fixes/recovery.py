"""Faust's table recovery with one fix: no event is dropped when a worker becomes ready.

When recovery ends, Faust resumes the source partitions, seeks them to their
committed offsets, then resumes flow control, which clears every agent's
queue. The fetcher is already running at that point when changelogs had to be
read (any restart of a worker with table state), so events delivered between
the seek and the clear are thrown away, and their read offsets have already
moved past them: they are never read again, and since they are never acked
either, the partition's commit stops at the first of them. The worker looks
idle on that partition until the next rebalance (faust-streaming issue #596
describes the same race; open, no fix upstream).

Here delivery is held (consumer flow stopped, flow control suspended, as
Faust itself does when a rebalance starts) before the seek, so the clear only
drops events that the seek makes the partition read again.

Example::

    faust.App(..., TableManager=TableManager)  # or the import path "streams.faust_fixes.recovery:TableManager"
"""

from __future__ import annotations

from faust.tables import TableManager as FaustTableManager
from faust.tables.recovery import Recovery as FaustRecovery


class Recovery(FaustRecovery):
    def hold_delivery(self) -> None:
        self.app.consumer.stop_flow()
        self.app.flow_control.suspend()

    async def on_recovery_completed(self, generation_id: int = 0) -> None:
        self.hold_delivery()  # Faust resumes both after the seek and the clear
        await super().on_recovery_completed(generation_id)

    async def _resume_streams(self, generation_id: int = 0) -> None:
        self.hold_delivery()  # the same steps for an app without tables
        await super()._resume_streams(generation_id)


class TableManager(FaustTableManager):
    @property
    def recovery(self) -> Recovery:
        if self._recovery is None:
            self._recovery = Recovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery  # type: ignore[return-value]
