"""A throwaway stack for one benchmark run: broker on free ports, worker envs."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from streams.bench.processes import WorkerProcess
from streams.settings import Settings, settings_from
from streams.stack.kafka import KafkaBroker
from streams.stack.process import free_port
from streams.topics import ensure_topics


@dataclass
class BenchStack:
    home: Path
    partitions: int = 6
    broker: KafkaBroker = field(init=False)

    def __post_init__(self) -> None:
        self.broker = KafkaBroker(self.home / "kafka", port=free_port(), controller_port=free_port())

    def start(self) -> None:
        self.broker.start(timeout=180)

    def stop(self) -> None:
        self.broker.stop()

    def scenario(self, name: str) -> tuple[Settings, dict[str, str]]:
        """Fresh topics and consumer group for one scenario."""
        tag = f"{name}{uuid.uuid4().hex[:6]}"
        env = {"CXPULSE_KAFKA_BOOTSTRAP": self.broker.bootstrap, "CXPULSE_TOPIC_PREFIX": f"{tag}.",
               "CXPULSE_APP_ID": f"bench-{tag}", "CXPULSE_TOPIC_PARTITIONS": str(self.partitions),
               "CXPULSE_WEB_PORT": str(free_port()), "CXPULSE_DATA_DIR": str(self.home / tag)}
        settings = settings_from(env)
        asyncio.run(ensure_topics(settings))
        return settings, env

    def worker(self, env: dict[str, str], index: int, constant: bool = False,
               code: Path | None = None, module: str | None = None) -> WorkerProcess:
        """A worker process; ``module`` runs something else with the worker's command line (a floor)."""
        own = env | {"CXPULSE_WEB_PORT": str(free_port()),
                     "CXPULSE_DATA_DIR": f"{env['CXPULSE_DATA_DIR']}-w{index}"}
        module = module or ("streams.bench.constant_worker" if constant else "streams.cli.main")
        return WorkerProcess(own, self.home / f"{env['CXPULSE_APP_ID']}-w{index}.log", module, code)
