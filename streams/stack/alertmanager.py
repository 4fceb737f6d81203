"""Prometheus Alertmanager (Debian's ``prometheus-alertmanager``) as a plain process on 127.0.0.1.

Example::

    am = AlertmanagerProcess(Path(".cxpulse/alertmanager"), port=9093,
                             receiver_url="http://127.0.0.1:9099/page")
    am.start()          # writes alertmanager.yml, starts, waits for /-/ready
    am.url              # 'http://127.0.0.1:9093'
    am.stop()           # by PID

Clustering is switched off (``--cluster.listen-address=``) so nothing
listens beyond loopback. Incidents are grouped by their ``incident`` label:
one notification group per incident. Routes follow the production example,
``deploy/alertmanager/alertmanager.yml`` (PagerDuty and Slack there): an
account incident goes to ``account_url`` (account managers, when given),
never to on-call; warnings and criticals page ``receiver_url`` (on-call);
info, such as a summary of an incident over before the pipeline caught up,
goes to the board only.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from streams.stack.process import alive, port_open, read_pid, stop_recorded

BINARY = "prometheus-alertmanager"


def config(receiver_url: str | None, group_wait: str = "1s", group_interval: str = "5s",
           account_url: str | None = None) -> dict:
    routes = [{"matchers": ['team="account-managers"'], "receiver": "account-managers"},
              {"matchers": ['severity=~"warning|critical"'], "receiver": "oncall"}]
    route = {"receiver": "board-only", "group_by": ["incident"], "group_wait": group_wait,
             "group_interval": group_interval, "repeat_interval": "4h", "routes": routes}
    receivers = [_receiver("board-only", None), _receiver("oncall", receiver_url),
                 _receiver("account-managers", account_url)]
    return {"route": route, "receivers": receivers}


def _receiver(name: str, url: str | None) -> dict:
    return {"name": name} | ({"webhook_configs": [{"url": url, "send_resolved": True}]} if url else {})


@dataclass
class AlertmanagerProcess:
    home: Path
    port: int = 9093
    receiver_url: str | None = None  # on-call
    account_url: str | None = None  # account managers
    group_wait: str = "1s"
    group_interval: str = "5s"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "alertmanager.pid"

    def pid(self) -> int | None:
        """Alertmanager's PID when it runs from this home (its command line names our config)."""
        return read_pid(self.pid_file, str(self.home / "alertmanager.yml"))

    def start(self, timeout: float = 30.0) -> int:
        if (pid := self.pid()) is not None:
            return pid
        binary = shutil.which(BINARY)
        if binary is None:
            raise RuntimeError("Alertmanager not found: apt-get install prometheus-alertmanager (make prereqs)")
        if port_open(self.port):
            raise RuntimeError(f"port {self.port} is taken by another process")
        self.home.mkdir(parents=True, exist_ok=True)
        path = self.home / "alertmanager.yml"
        path.write_text(yaml.safe_dump(config(self.receiver_url, self.group_wait, self.group_interval,
                                                  self.account_url)))
        proc = subprocess.Popen(
            [binary, f"--config.file={path}", f"--storage.path={self.home / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--cluster.listen-address="],
            stdout=(self.home / "alertmanager.log").open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
        self.pid_file.write_text(f"{proc.pid}\n")
        self._wait(proc, timeout)
        return proc.pid

    def stop(self) -> bool:
        return stop_recorded(self.pid_file, str(self.home / "alertmanager.yml"))

    def _wait(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None or not alive(proc.pid):
                raise RuntimeError(f"Alertmanager exited; see {self.home / 'alertmanager.log'}")
            try:
                if urllib.request.urlopen(f"{self.url}/-/ready", timeout=1).status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"Alertmanager not ready; see {self.home / 'alertmanager.log'}")
