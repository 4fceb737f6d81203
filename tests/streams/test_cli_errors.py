"""Errors a user can cause: one clear ``Error:`` line, exit code 2, never a traceback.

Each case runs the real ``cxpulse`` console script in a subprocess, with its
own data folder and, where a server is involved, ports on which nothing (or
something else) listens.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from streams.stack.process import free_port
from tests import factories as f

CXPULSE = Path(sys.executable).with_name("cxpulse")


@pytest.fixture(scope="module")
def listener() -> Iterator[int]:
    """A port something else already listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("CXPULSE_")}
    full |= {"CXPULSE_DATA_DIR": str(tmp_path / "data"), "CXPULSE_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}"}
    return subprocess.run([str(CXPULSE), *args], env=full | env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)


CASES: dict[str, tuple[list[str], dict[str, str], str]] = {
    # name: (arguments, environment, what the error line says)
    "log level LOUD": (["--log-level", "LOUD", "schema", "check"], {}, "'LOUD' is not one of"),
    "simulate --rate 0": (["simulate", "--rate", "0", "--out", "-"], {}, "--rate"),
    "simulate --minutes 0": (["simulate", "--minutes", "0", "--out", "-"], {}, "--minutes"),
    "simulate --out into a missing folder": (["simulate", "--minutes", "1", "--speed", "0", "--out",
                                              "/nonexistent/x.ndjson"], {}, "/nonexistent/x.ndjson"),
    "simulate with the broker down": (["simulate", "--minutes", "1", "--speed", "0"], {}, "cannot reach Kafka"),
    "publish with the broker down": (["publish", "events.ndjson"], {}, "cannot reach Kafka"),
    "worker with the broker down": (["worker"], {"CXPULSE_WEB_PORT": "{free}"}, "cannot reach Kafka"),
    "publish a missing file": (["publish", "missing.ndjson"], {}, "missing.ndjson"),
    "board snapshot before any data": (["board", "snapshot", "--out", "snaps"], {}, "no cxpulse tables yet"),
    "board snapshot of no such board": (["board", "snapshot", "--board", "nosuch"], {}, "no board nosuch"),
    "a setting that does not parse": (["worker"], {"CXPULSE_WEB_PORT": "abc"}, "setting CXPULSE_WEB_PORT"),
    "a second worker on a taken web port": (["worker"], {"CXPULSE_WEB_PORT": "{listener}"}, "is taken"),
    "stack up with the broker port taken": (["stack", "up"], {"CXPULSE_KAFKA_PORT": "{listener}"},
                                            "broker port"),
    "stack up with the controller port taken": (["stack", "up"], {"CXPULSE_KAFKA_CONTROLLER_PORT": "{listener}"},
                                                "controller port"),
}


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_user_errors_are_one_line_and_exit_2(name: str, tmp_path: Path, listener: int) -> None:
    args, env, says = CASES[name]
    (tmp_path / "events.ndjson").write_bytes(orjson.dumps(f.chat()) + b"\n")
    env = {k: v.format(listener=listener, free=free_port()) for k, v in env.items()}
    done = run(args, env, tmp_path)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert done.returncode == 2 and len(errors) == 1 and says in errors[0], (done.returncode, done.stderr[-2000:])


def test_a_misspelled_setting_is_named_with_the_real_one(tmp_path: Path) -> None:
    done = run(["schema", "check"], {"CXPULSE_CLICKHOUSE_DNS": "http://db:8123"}, tmp_path)
    assert done.returncode == 0
    assert "warning: CXPULSE_CLICKHOUSE_DNS (did you mean CXPULSE_CLICKHOUSE_DSN?) is not a cxpulse setting" in done.stderr


def test_a_second_worker_on_the_same_embedded_store_refuses_to_start(tmp_path: Path) -> None:
    """The first holds the store's lock (here: a process that takes it the same way the worker does)."""
    folder = tmp_path / "data" / "clickhouse"
    folder.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        f"f = open({str(folder / '.worker.lock')!r}, 'a+'); fcntl.flock(f, fcntl.LOCK_EX)\n"
        "print('held', flush=True); time.sleep(60)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        done = run(["worker"], {"CXPULSE_WEB_PORT": str(free_port())}, tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2 and "in use by another worker" in done.stderr and "Traceback" not in done.stderr
