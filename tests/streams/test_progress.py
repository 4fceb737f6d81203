"""Progress bars draw only on a terminal; a pipe or log file gets nothing extra."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from streams.cli.progress import progress


def test_without_a_terminal_the_bar_is_silent(capsys: object) -> None:
    with progress("simulated days", total=3) as advance_to:
        for day in range(4):
            advance_to(day)
    out = capsys.readouterr()  # type: ignore[attr-defined]
    assert (out.out, out.err) == ("", "")


def test_on_a_terminal_the_bar_shows() -> None:
    code = ("from streams.cli.progress import progress\n"
            "import time\n"
            "with progress('simulated days', total=2) as advance_to:\n"
            "    advance_to(1); time.sleep(0.3); advance_to(2)\n"
            "print('done', flush=True)\n")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=follower, stdout=follower, stderr=follower,
                            env=os.environ | {"COLUMNS": "100", "TERM": "xterm"})
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=30)
    assert b"simulated days" in seen and seen.rstrip().endswith(b"done")
