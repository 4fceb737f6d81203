"""Formatting the broker's storage with the real Kafka StorageTool."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.stack.kafka import KafkaBroker
from streams.stack.maven import ensure_jars

pytestmark = pytest.mark.integration


def test_cluster_id_starting_with_a_dash_formats(tmp_path: Path) -> None:
    # base64url ids start with "-" one time in 64; passed as a separate argument
    # the tool read it as an option and the broker never started.
    broker = KafkaBroker(tmp_path / "kafka", port=1, controller_port=2)
    broker.home.mkdir()
    (broker.home / "cluster.id").write_text("-6zzBaS3QtmlnPF1O1sy9Q\n")
    broker._configure(ensure_jars(broker.version, broker.cache_dir))
    meta = (broker.home / "data" / "meta.properties").read_text()
    assert "cluster.id=-6zzBaS3QtmlnPF1O1sy9Q" in meta
