"""The local stack stops only what it started and refuses ports that are taken.

Real processes and sockets: an unrelated ``sleep`` whose PID sits in a stale
PID file must survive ``stop``; a taken controller port stops ``start``
before anything is launched or recorded.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.stack.alertmanager import AlertmanagerProcess
from streams.stack.kafka import KafkaBroker, PortTaken
from streams.stack.process import alive, free_port, read_pid, stop_recorded


@pytest.fixture
def stranger() -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(["sleep", "60"])
    yield proc
    proc.kill()
    proc.wait()


def test_a_stale_pid_file_never_stops_another_process(tmp_path: Path, stranger: subprocess.Popen[bytes]) -> None:
    broker = KafkaBroker(tmp_path / "kafka", port=free_port(), controller_port=free_port())
    broker.home.mkdir(parents=True)
    broker.pid_file.write_text(f"{stranger.pid}\n")
    assert not broker.running() and broker.pid() is None
    assert not broker.pid_file.exists()  # the stale record is cleaned up
    broker.pid_file.write_text(f"{stranger.pid}\n")
    broker.stop()
    am = AlertmanagerProcess(tmp_path / "am", port=free_port())
    am.home.mkdir(parents=True)
    am.pid_file.write_text(f"{stranger.pid}\n")
    am.stop()
    assert alive(stranger.pid) and stranger.poll() is None


def test_a_recorded_process_that_is_ours_is_found_and_stopped(tmp_path: Path) -> None:
    marker = tmp_path / "server.properties"
    proc = subprocess.Popen(["sh", "-c", "sleep 60; :", str(marker)])  # names our config
    # (``sleep 60; :`` keeps sh alive: dash execs a lone last command, dropping the marker from cmdline)
    pid_file = tmp_path / "x.pid"
    pid_file.write_text(f"{proc.pid}\n")
    assert read_pid(pid_file, str(marker)) == proc.pid
    assert stop_recorded(pid_file, str(marker)) and proc.wait(5) is not None


@pytest.mark.parametrize("which", ["port", "controller_port"])
def test_start_refuses_any_taken_port_before_launching(tmp_path: Path, which: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        ports = {"port": free_port(), "controller_port": free_port()} | {which: listener.getsockname()[1]}
        broker = KafkaBroker(tmp_path / "kafka", **ports)
        with pytest.raises(PortTaken, match=r"broker port|controller port"):
            broker.start()
    assert not broker.pid_file.exists()
