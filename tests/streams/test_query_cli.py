"""``cxpulse query`` for scripts: formats, whole values when piped, honest row counts."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

CXPULSE = Path(sys.executable).with_name("cxpulse")
LONG = "a very long customer message " * 20


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five stored chats, written by another process (the embedded store serves one process at a time)."""
    folder = tmp_path_factory.mktemp("data")
    script = (f"from sinks.clickhouse.client import connect\nfrom sinks.clickhouse.migrations import migrate\n"
              f"from sinks.clickhouse.writer import ClickHouseWriter\nfrom tests.helpers import enriched\n"
              f"from tests import factories as f\nimport dataclasses\n"
              f"c = connect('chdb://{folder}/clickhouse'); migrate(c)\n"
              f"items = [dataclasses.replace(enriched(f.chat()), text={LONG!r}) for _ in range(5)]\n"
              f"ClickHouseWriter(c).write_batch(items)\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parents[2])
    return folder


def query(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CXPULSE_")} | {"CXPULSE_DATA_DIR": str(data_dir)}
    return subprocess.run([str(CXPULSE), "query", *args], env=env, capture_output=True, text=True, timeout=120)


def test_formats_print_whole_values(data_dir: Path) -> None:
    sql = "SELECT kind, text FROM events ORDER BY event_id"
    rows = list(csv.reader(io.StringIO(query(data_dir, sql, "--format", "csv").stdout)))
    assert rows[0] == ["kind", "text"] and len(rows) == 6 and rows[1][1] == LONG
    as_json = orjson.loads(query(data_dir, sql, "--format", "json").stdout)
    assert len(as_json) == 5 and as_json[0]["text"] == LONG
    lines = query(data_dir, sql, "--format", "ndjson").stdout.splitlines()
    assert [orjson.loads(line)["kind"] for line in lines] == ["chat"] * 5
    table = query(data_dir, sql).stdout  # piped: nothing is cut to 80 columns
    assert "".join(table.split()).count("".join(LONG.split())) == 5


def test_row_counts_are_honest_and_on_stderr(data_dir: Path) -> None:
    done = query(data_dir, "SELECT event_id FROM events", "--limit", "2", "--format", "ndjson")
    assert len(done.stdout.splitlines()) == 2 and "5 rows, 2 shown (--limit)" in done.stderr


def test_a_format_clause_gets_clickhouse_output(data_dir: Path) -> None:
    done = query(data_dir, "SELECT count() AS n FROM events FORMAT JSONEachRow")
    assert done.returncode == 0 and orjson.loads(done.stdout) == {"n": 5}
