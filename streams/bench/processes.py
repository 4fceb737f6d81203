"""Worker processes for benchmarks and integration tests, and reading their store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from streams.stack.process import stop_pid


class WorkerProcess:
    """``cxpulse worker`` as a child process with the given environment."""

    def __init__(self, env: dict[str, str], log: Path, module: str = "streams.cli.main",
                 code: Path | None = None) -> None:
        """``code``: run the worker from another checkout (a baseline revision)."""
        self.env, self.log, self.module, self.code = os.environ | env, log, module, code
        if code is not None:
            self.env["PYTHONPATH"] = str(code)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.env['CXPULSE_WEB_PORT']}"

    def start(self, timeout: float = 120.0) -> WorkerProcess:
        return self.launch().wait_healthy(timeout)

    def launch(self) -> WorkerProcess:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", self.module, "worker",
                                          "--loglevel", os.environ.get("CXTEST_LOGLEVEL", "info")], env=self.env, stdout=out,
                                         stderr=subprocess.STDOUT, cwd=self.code)
        return self

    def wait_healthy(self, timeout: float = 120.0) -> WorkerProcess:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.tail()}")
            try:
                if b'"ok"' in urllib.request.urlopen(f"{self.url}/health", timeout=2).read():
                    return self
            except OSError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"worker not healthy:\n{self.tail()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            stop_pid(self.proc.pid, timeout=60)
            self.proc.wait(timeout=10)

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def post(self, body: bytes, token: str = "it-token") -> tuple[int, dict[str, Any]]:
        return self.request("/v1/events", body, token)

    def get(self, path: str, token: str = "it-token") -> tuple[int, dict[str, Any]]:
        return self.request(path, None, token)

    def request(self, path: str, body: bytes | None, token: str) -> tuple[int, dict[str, Any]]:
        req = urllib.request.Request(f"{self.url}{path}", data=body, method="GET" if body is None else "POST",
                                     headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())


def store_rows(dsn: str, sql: str) -> list[list[Any]]:
    """Run SQL on the worker's embedded store from a fresh process (chDB is per process)."""
    [rows] = store_queries(dsn, [sql])
    return rows


def store_queries(dsn: str, sqls: list[str]) -> list[list[list[Any]]]:
    """Several queries in one fresh process: each query's rows."""
    code = ("import json, sys\nfrom sinks.clickhouse.client import connect\n"
            "client = connect(sys.argv[1])\n"
            "print(json.dumps([client.query(q).result_rows for q in sys.argv[2:]], default=str))")
    out = subprocess.run([sys.executable, "-c", code, dsn, *sqls], capture_output=True, text=True,
                         timeout=120)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout)
