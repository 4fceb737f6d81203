"""Is the broker answering? A real metadata request, retried."""

from __future__ import annotations

import asyncio
import time

from aiokafka.admin import AIOKafkaAdminClient


async def _describe(bootstrap: str) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
    await admin.start()
    try:
        cluster = await admin.describe_cluster()
        return len(cluster["brokers"])
    finally:
        await admin.close()


def wait_for_metadata(bootstrap: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if asyncio.run(_describe(bootstrap)) > 0:
                return
        except Exception as exc:  # noqa: BLE001 - any failure means "not yet"
            last = exc
        time.sleep(0.5)
    raise TimeoutError(f"Kafka at {bootstrap} did not answer metadata requests: {last!r}")
