"""Small process and port helpers for the local stack (loopback only)."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def read_pid(pid_file: Path, marker: str | None = None) -> int | None:
    """The recorded PID if that process runs and (with ``marker``) is ours; else None.

    A PID file outlives its process (a reboot, a kill -9) and the kernel reuses
    PIDs, so a recorded PID alone proves nothing: ``marker`` (the server's home
    folder, which its command line names) must appear in the process's command
    line. A stale file is removed.
    """
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if alive(pid) and (marker is None or marker in command_line(pid)):
        return pid
    pid_file.unlink(missing_ok=True)
    return None


def command_line(pid: int) -> str:
    """The process's command line as one string ('' when it cannot be read).

    A process caught in the middle of exec (a moment after it was spawned) reads
    as empty: that is retried for up to half a second, so a server just started
    is not taken for someone else's and its PID file kept.
    """
    for _ in range(50):
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return ""
        if raw:
            return raw.replace(b"\0", b" ").decode(errors="replace")
        time.sleep(0.01)
    return ""


def taken(ports: dict[str, int]) -> str | None:
    """'name port N' for the first port something already listens on, else None."""
    return next((f"{name} port {port}" for name, port in ports.items() if port and port_open(port)), None)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def stop_pid(pid: int, timeout: float = 30.0) -> bool:
    """SIGTERM, wait, then SIGKILL. True when the process is gone."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return True
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not alive(pid):
                return True
            time.sleep(0.1)
    return not alive(pid)


def stop_recorded(pid_file: Path, marker: str | None = None) -> bool:
    """Stop the process whose PID ``pid_file`` records (if it runs and is ours) and forget it."""
    pid = read_pid(pid_file, marker)
    stopped = stop_pid(pid) if pid else True
    pid_file.unlink(missing_ok=True)
    return stopped
