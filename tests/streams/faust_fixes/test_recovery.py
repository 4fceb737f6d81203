"""The worker's table manager holds delivery before the seek that ends a recovery.

The race itself (events delivered between the seek and the queue clear) needs a
running fetcher: ``tests/integration/test_faults_worker.py`` restarts workers
with table state, which is where it showed (about one restart in three lost a
partition's tail before this fix).
"""

from __future__ import annotations

import faust

from streams.app import create_app
from streams.faust_fixes.recovery import Recovery
from streams.settings import Settings


def test_the_worker_uses_the_fixed_recovery() -> None:
    app = create_app(Settings(web_port=16996))
    assert isinstance(app.tables.recovery, Recovery)  # type: ignore[attr-defined]  # TableManager's, not its interface's


def test_holding_delivery_stops_the_fetch_loop_and_the_agents_queues() -> None:
    app: faust.App = create_app(Settings(web_port=16995))
    app.tables.recovery.hold_delivery()  # type: ignore[attr-defined]
    assert not app.consumer.flow_active  # type: ignore[attr-defined]  # the fetch loop stops handing out records
    assert not app.flow_control.is_active()  # deliveries wait instead of reaching a queue
