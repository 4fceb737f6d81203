"""Resolve the Kafka broker's jars from Maven Central into a cache folder."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

POM = "pom.xml"


def pom_path() -> Path:
    return Path(str(resources.files("streams.stack") / "templates" / POM))


def ensure_jars(version: str, cache_dir: Path) -> Path:
    """``<cache>/kafka-<version>/lib`` with every runtime jar (downloaded once)."""
    lib = cache_dir / f"kafka-{version}" / "lib"
    marker = lib / ".complete"
    if marker.exists():
        return lib
    if shutil.which("mvn") is None:
        raise RuntimeError("Maven (mvn) is needed to fetch the Kafka broker: apt-get install maven")
    lib.mkdir(parents=True, exist_ok=True)
    cmd = ["mvn", "-B", "-q", "-f", str(pom_path()), f"-Dkafka.version={version}",
           "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={lib}"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"mvn failed to resolve Kafka {version}:\n{result.stdout[-2000:]}")
    marker.touch()
    return lib
