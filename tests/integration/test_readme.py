"""The README's shell and Python blocks, run as written, in the order a newcomer meets them.

Every ``bash`` and ``python`` block of the README carries a marker comment
(``<!-- readme-test: NAME -->``) naming the check below that holds it; a block
without one fails the test, so no example goes unchecked. The shell blocks run
one after another in one ``bash``, as a user's terminal would (the worker that
``start`` puts in the background is the one ``stop`` kills). The only change to
the text: the README's ports (Kafka 9092, HTTP 6066) become free ones, and the
folder is a fresh one with ``.venv`` pointing at this test run's virtualenv.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from streams.stack.process import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).parents[2]
MARKER = re.compile(r"<!-- readme-test: ([\w-]+) -->\n```(\w+)\n(.*?)\n```", re.S)
FENCE = re.compile(r"^```(bash|python)$", re.M)
KAFKA, WEB = "127.0.0.1:9092", "127.0.0.1:6066"


@dataclass(frozen=True)
class Block:
    name: str
    lang: str
    code: str


def readme_blocks() -> dict[str, Block]:
    text = (ROOT / "README.md").read_text()
    blocks = {m[1]: Block(m[1], m[2], m[3]) for m in MARKER.finditer(text)}
    assert len(FENCE.findall(text)) == len(blocks), (
        "every bash/python block of the README needs a <!-- readme-test: NAME --> marker "
        "and a check in tests/integration/test_readme.py")
    return blocks


class Terminal:
    """One ``bash`` reading commands from a pipe, like a user's terminal: jobs and
    exported variables carry from one block to the next. A command that fails (outside
    a condition) is named by an ERR trap. Standard error goes to a file of its own (curl's
    progress meter, which a terminal would not show, and the CLI's messages), shown on failure."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.stderr = (cwd / "stderr.log").open("w+")
        self.proc = subprocess.Popen(["bash"], cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send("set -o pipefail; trap 'echo \"__failed: $BASH_COMMAND\"' ERR")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def send(self, code: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(code + "\n")
        self.proc.stdin.flush()

    def run(self, code: str, timeout: float) -> list[str]:
        """The block's standard output, then its standard error; fails naming the commands that failed."""
        self.stderr.seek(0, 2)
        start = self.stderr.tell()
        self.send(f"{code}\nprintf '\\n__block_end__\\n'")  # a newline first: curl's last line has none
        out: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"block still running after {timeout:.0f} s; output so far:\n"
                                     + "\n".join(out) + self.errors()) from None
            if line == "__block_end__":
                break
            out.append(line)
        failed = [line for line in out if line.startswith("__failed: ")]
        assert not failed, "\n".join(out) + self.errors()
        self.stderr.seek(start)
        return out + self.stderr.read().splitlines()

    def errors(self) -> str:
        self.stderr.seek(0)
        return "\n--- stderr (last 40 lines)\n" + "\n".join(self.stderr.read().splitlines()[-40:])

    def close(self) -> None:
        self.send("kill $(jobs -p) 2>/dev/null; .venv/bin/cxpulse stack down > /dev/null 2>&1; exit")
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newcomer")
    (folder / ".venv").symlink_to(Path(sys.prefix))
    return folder


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    ports = {"CXPULSE_KAFKA_PORT": str(free_port()), "CXPULSE_KAFKA_CONTROLLER_PORT": str(free_port()),
             "CXPULSE_WEB_PORT": str(free_port())}
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CXPULSE_")}
    return clean | ports


def on_our_ports(code: str, env: dict[str, str]) -> str:
    return (code.replace(KAFKA, f"127.0.0.1:{env['CXPULSE_KAFKA_PORT']}")
                .replace(WEB, f"127.0.0.1:{env['CXPULSE_WEB_PORT']}"))


@pytest.fixture(scope="module")
def terminal(home: Path, env: dict[str, str]) -> Iterator[Terminal]:
    t = Terminal(home, env)
    yield t
    t.close()


def python(block: Block, home: Path, env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run([str(home / ".venv" / "bin" / "python"), "-c", on_our_ports(block.code, env)],
                          cwd=home, env=env | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout


def query(home: Path, env: dict[str, str], sql: str) -> list[str]:
    done = subprocess.run([".venv/bin/cxpulse", "query", "--format", "ndjson", sql], cwd=home, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def first_cells(out: list[str]) -> set[str]:
    """The first column of the tables ``cxpulse query`` printed (rich's box drawing)."""
    return {line.split("│")[1].strip() for line in out if line.count("│") >= 2}


def test_the_make_block_names_the_makefile_targets() -> None:
    # `make test` is this very run; `make demo` runs `cxpulse demo`, checked by its own tests.
    block = readme_blocks()["make"]
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"^make (\w+)", block.code, re.M):
        assert re.search(rf"^{target}: ", makefile, re.M), f"make {target} is not a Makefile target"


def test_the_sentiment_example_prints_what_its_comment_says(home: Path, env: dict[str, str]) -> None:
    block = readme_blocks()["sentiment"]
    [promised] = re.findall(r"print\(.*\)\s+# (.+)", block.code)
    assert python(block, home, env).strip() == promised


def test_a_newcomer_runs_every_block_in_order(terminal: Terminal, home: Path, env: dict[str, str]) -> None:
    blocks = readme_blocks()
    for name in ("start", "kafka", "python-publisher"):
        assert KAFKA in blocks[name].code, f"the {name} block no longer names {KAFKA}"
    assert WEB in blocks["http"].code

    out = terminal.run(on_our_ports(blocks["start"].code, env), timeout=300)
    assert any(line.startswith("kafka started") for line in out), out
    assert any(line.startswith("simulated ") for line in out), out  # the simulator's summary

    out = terminal.run(on_our_ports(blocks["kafka"].code, env), timeout=120)
    assert "published 1 events, rejected 0" in out, out  # cxpulse publish -

    out = terminal.run(on_our_ports(blocks["http"].code, env), timeout=120)
    sample = (home / "events.ndjson").read_text().splitlines()
    replies = [json.JSONDecoder().raw_decode(line)[0] for line in out if line.startswith("{")]
    assert len(replies[0]["accepted"]) == len(sample) > 0, out
    assert [r.get("status") for r in replies[1:3]] == ["ok", "alive"], replies[1:3]  # /health, /health/live
    assert any(line.startswith("cx_") for line in out), "no Prometheus metrics in the output"
    assert "contacts" in json.dumps(replies[-1]), replies[-1]  # /v1/live/minute

    assert python(blocks["python-publisher"], home, env).strip() == "stored in Kafka"

    out = terminal.run(on_our_ports(blocks["stop"].code, env), timeout=180)
    assert "kafka stopped" in out, out
    assert {"chat", "email", "survey"} <= first_cells(out), out

    # What each publishing example sent is stored, once.
    ids = [json.loads(line)["event_id"] for line in sample[:3]]
    ids += re.findall(r'"event_id":"([0-9a-f-]{36})"', blocks["kafka"].code)
    stored = query(home, env, f"SELECT toString(event_id) AS id FROM events WHERE id IN {tuple(ids)!r}")
    assert sorted(json.loads(r)["id"] for r in stored) == sorted(ids)
    [chat] = query(home, env, "SELECT count() AS n FROM events WHERE customer_id = 'c-44'")
    assert json.loads(chat)["n"] in (1, "1")

    out = terminal.run(blocks["measures"].code, timeout=120)
    assert "delivery" in first_cells(out), out
    assert any(cell.startswith("acct-") for cell in first_cells(out)), out

    out = terminal.run(blocks["eval"].code, timeout=900)
    assert "report: .cxpulse/eval/detect.json" in out, out[-5:]
    report = json.loads((home / ".cxpulse" / "eval" / "detect.json").read_text())["detectors"]
    ours, river = report["cxpulse"], report["river-halfspacetrees"]
    claims = eval_claims()
    assert claims == {
        "paged": f"{ours['target']['detected']}/{ours['target']['incidents']}",
        "median": f"{ours['target']['median_delay_s']:.0f}", "p90": f"{ours['target']['p90_delay_s']:.0f}",
        "false": f"{ours['false_alerts_per_day']:.1f}",
        "river": f"{river['target']['detected']} of {river['target']['incidents']}",
        "river_false": f"{river['false_alerts_per_day']:.1f}"}, "README's detector figures differ from the run"


def eval_claims() -> dict[str, str]:
    """The figures the README states after the ``eval`` block."""
    text = (ROOT / "README.md").read_text()
    text = " ".join(text[text.index("<!-- readme-test: eval -->"):].split())
    pattern = (r"\((?P<paged>\d+/\d+)\), median (?P<median>\d+) s after it began \(p90 (?P<p90>\d+) s\), "
               r"with (?P<false>[\d.]+) false pages per day.*?caught (?P<river>\d+ of \d+) "
               r"with (?P<river_false>[\d.]+) false alerts per day")
    m = re.search(pattern, text)
    assert m, "the README no longer states the detector's figures after the eval block"
    return m.groupdict()
