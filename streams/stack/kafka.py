"""A single-node Apache Kafka broker in KRaft mode, bound to 127.0.0.1.

Example::

    broker = KafkaBroker(Path(".cxpulse/kafka"), port=9092, controller_port=9193)
    broker.start()          # resolves jars once, formats storage once, waits until ready
    broker.bootstrap        # '127.0.0.1:9092'
    broker.stop()           # by PID

The process outlives the Python that started it (``cxpulse stack up``); its
PID is kept in ``<home>/kafka.pid`` and its log in ``<home>/logs/server.log``.
"""

from __future__ import annotations

import base64
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from streams.settings import Settings
from streams.stack.maven import ensure_jars
from streams.stack.process import alive, port_open, read_pid, stop_recorded, taken
from streams.stack.readiness import wait_for_metadata
from streams.stack.tls import Keystore, make_keystore

DEFAULT_VERSION = "3.9.1"


def sasl_properties(users: dict[str, str]) -> list[str]:
    """A SASL_PLAINTEXT listener accepting ``users`` (name -> password) with PLAIN or SCRAM-SHA-512
    (SCRAM credentials are written into the metadata log when storage is formatted)."""
    accepted = " ".join(f'user_{name}="{password}"' for name, password in users.items())
    prefix = "listener.name.sasl_plaintext"
    return ["sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512",
            f"{prefix}.plain.sasl.jaas.config="
            f"org.apache.kafka.common.security.plain.PlainLoginModule required {accepted};",
            f"{prefix}.scram-sha-512.sasl.jaas.config="
            "org.apache.kafka.common.security.scram.ScramLoginModule required;"]


def scram_arguments(users: dict[str, str]) -> list[str]:
    """``kafka-storage format`` arguments that create the SCRAM-SHA-512 credentials of ``users``."""
    return [f"--add-scram=SCRAM-SHA-512=[name={name},password={password}]"
            for name, password in users.items()]


def server_properties(port: int, controller_port: int, log_dir: Path, sasl_port: int | None = None,
                      sasl_users: dict[str, str] | None = None, ssl_port: int | None = None,
                      keystore: Keystore | None = None) -> str:
    ports = {"SASL_PLAINTEXT": sasl_port, "SSL": ssl_port}
    extra = "".join(f",{name}://127.0.0.1:{p}" for name, p in ports.items() if p)
    return "\n".join([
        "process.roles=broker,controller", "node.id=1",
        f"controller.quorum.voters=1@127.0.0.1:{controller_port}",
        f"listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}{extra}",
        f"advertised.listeners=PLAINTEXT://127.0.0.1:{port}{extra}",
        "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,"
        "SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL",
        *(sasl_properties(sasl_users or {}) if sasl_port else []),
        *(keystore.properties() if ssl_port and keystore else []),
        f"log.dirs={log_dir}", "num.partitions=6", "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=6",
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=4", "group.initial.rebalance.delay.ms=0",
        "log.retention.hours=168", "log.segment.bytes=268435456", "",
    ])


class PortTaken(RuntimeError):
    """A port the local stack needs is already in use."""


@dataclass
class KafkaBroker:
    home: Path
    port: int = 9092
    controller_port: int = 9193  # not 9093: Debian's Alertmanager service listens there
    version: str = DEFAULT_VERSION
    cache_dir: Path = Path.home() / ".cache" / "cxpulse"
    heap: str = "512m"
    sasl_port: int | None = None  # an extra SASL_PLAINTEXT listener, for testing client credentials
    sasl_users: dict[str, str] = field(default_factory=dict)
    ssl_port: int | None = None  # an extra TLS listener with a self-signed certificate (ca_file)

    @classmethod
    def for_settings(cls, settings: Settings) -> KafkaBroker:
        """The local stack's broker: ``<data_dir>/kafka`` on the configured ports."""
        return cls(settings.data_dir / "kafka", settings.kafka_port, settings.kafka_controller_port,
                   settings.kafka_version, settings.cache_dir)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        """The TLS listener's certificate: what a client trusts (``CXPULSE_KAFKA_SSL_CAFILE``)."""
        return self.home / "tls" / "broker.pem"

    @property
    def pid_file(self) -> Path:
        return self.home / "kafka.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "server.log"

    def pid(self) -> int | None:
        """The broker's PID when it runs from this home (its command line names our config)."""
        return read_pid(self.pid_file, str(self.home / "server.properties"))

    def running(self) -> bool:
        return self.pid() is not None

    def start(self, timeout: float = 90.0) -> int:
        """Start (or find running) and wait until the broker answers; returns the PID."""
        if (pid := self.pid()) is not None:
            return pid
        ports = {"broker": self.port, "controller": self.controller_port, "SASL": self.sasl_port or 0,
                 "TLS": self.ssl_port or 0}
        if busy := taken(ports):
            raise PortTaken(f"Kafka's {busy} is taken by another process (set CXPULSE_KAFKA_PORT / "
                            "CXPULSE_KAFKA_CONTROLLER_PORT to free ports)")
        lib = ensure_jars(self.version, self.cache_dir)
        config = self._configure(lib)
        proc = self._launch(lib, config)
        self.pid_file.write_text(f"{proc.pid}\n")
        try:
            self._wait(proc, timeout)
        except BaseException:
            self.stop()  # no half-started broker and no stale PID file
            raise
        return proc.pid

    def stop(self) -> bool:
        return stop_recorded(self.pid_file, str(self.home / "server.properties"))

    def _configure(self, lib: Path) -> Path:
        (self.home / "logs").mkdir(parents=True, exist_ok=True)
        config = self.home / "server.properties"
        keystore = make_keystore(self.ca_file.parent) if self.ssl_port else None
        config.write_text(server_properties(self.port, self.controller_port, self.home / "data",
                                            self.sasl_port, self.sasl_users, self.ssl_port, keystore))
        if not (self.home / "data" / "meta.properties").exists():
            subprocess.run(self._java(lib, "kafka.tools.StorageTool", "format",
                                      # one token: a base64url id may start with "-"
                                      f"--cluster-id={self._cluster_id()}", "-c", str(config), "-g",
                                      *scram_arguments(self.sasl_users if self.sasl_port else {})),
                           check=True, capture_output=True)
        return config

    def _cluster_id(self) -> str:
        path = self.home / "cluster.id"
        if not path.exists():
            # Kafka wants a 16-byte UUID, base64url without padding (22 chars).
            path.write_text(base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode())
        return path.read_text().strip()

    def _launch(self, lib: Path, config: Path) -> subprocess.Popen[bytes]:
        log4j = resources.files("streams.stack") / "templates" / "log4j.properties"
        cmd = self._java(lib, "kafka.Kafka", str(config), heap=True,
                         props=[f"-Dlog4j.configuration=file:{log4j}",
                                f"-Dkafka.logs.dir={self.home / 'logs'}"])
        out = (self.home / "logs" / "stdout.log").open("ab")
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def _java(self, lib: Path, main: str, *args: str, heap: bool = False,
              props: list[str] | None = None) -> list[str]:
        mem = [f"-Xms{self.heap}", f"-Xmx{self.heap}"] if heap else ["-Xmx256m"]
        return ["java", *mem, *(props or []), "-cp", f"{lib}/*", main, *args]

    def _wait(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not port_open(self.port):
            if proc.poll() is not None or not alive(proc.pid):
                raise RuntimeError(f"Kafka exited early; see {self.log_file}")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"Kafka did not open port {self.port}; see {self.log_file}")
            time.sleep(0.25)
        wait_for_metadata(self.bootstrap, max(5.0, deadline - time.monotonic()))
