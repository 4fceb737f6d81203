"""Grafana's own code, built or installed for the tests: the Go schema checker and the node interpolator.

Both live in ``grafana/checks/`` with their lock files (``go.sum``,
``package-lock.json``), so a fresh clone builds the same thing from the
Go module proxy and the npm registry. Build outputs are cached under
``.cxpulse/`` (ignored), keyed by a hash of the sources. Where a toolchain
is missing the test is skipped with the reason, except in CI (``CI=true``),
where a missing toolchain is a failure: CI must really check.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).parents[2]
CHECKS = ROOT / "grafana" / "checks"
CACHE = ROOT / ".cxpulse"


def _tool(name: str, *fallbacks: str) -> str | None:
    found = shutil.which(name)
    return found or next((f for f in fallbacks if Path(f).is_file() and os.access(f, os.X_OK)), None)


def missing(what: str) -> NoReturn:
    """Skip, or fail in CI, because ``what`` is not installed."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{what} is needed in CI", pytrace=False)
    pytest.skip(f"{what} is not installed")


def _digest(folder: Path, names: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return h.hexdigest()[:16]


def schema_checker() -> Path:
    """``grafana/checks/schema`` built with the Go toolchain (``go`` on PATH or ``/usr/local/go/bin/go``)."""
    go = _tool("go", "/usr/local/go/bin/go")
    if go is None:
        missing("the Go toolchain (go, for grafana/checks/schema)")
    source = CHECKS / "schema"
    binary = CACHE / "bin" / f"board-schema-{_digest(source, ('main.go', 'go.mod', 'go.sum'))}"
    if not binary.exists():
        binary.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([go, "build", "-mod=readonly", "-o", str(binary), "."], cwd=source, check=True,
                       timeout=900)
    return binary


def interpolator() -> tuple[str, Path]:
    """``grafana/checks/interpolate`` with its npm packages installed by ``npm ci``; (node, script)."""
    node, npm = _tool("node"), _tool("npm")
    if node is None or npm is None:
        missing("Node.js and npm (for grafana/checks/interpolate)")
    source = CHECKS / "interpolate"
    stamp = source / "node_modules" / f".cxpulse-{_digest(source, ('package.json', 'package-lock.json'))}"
    if not stamp.exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=source, check=True,
                       timeout=900, stdout=subprocess.DEVNULL)
        stamp.touch()
    return node, source / "interpolate.mjs"
