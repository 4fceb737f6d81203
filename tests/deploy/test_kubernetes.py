"""The Kubernetes manifests validate against the Kubernetes API schemas (kubernetes-validate, offline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from streams.settings import Settings

K8S = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"
VERSION = "1.30.0"


def manifests() -> dict[str, dict[str, Any]]:
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    return {name: yaml.safe_load((K8S / name).read_text()) for name in listed}


@pytest.mark.parametrize("name", list(manifests()))
def test_manifest_is_valid_in_strict_mode(name: str) -> None:
    kubernetes_validate.validate(manifests()[name], VERSION, strict=True)


def test_workers_never_outnumber_partitions() -> None:
    docs = manifests()
    partitions = int(docs["configmap.yaml"]["data"]["CXPULSE_TOPIC_PARTITIONS"])
    assert docs["hpa.yaml"]["spec"]["maxReplicas"] == partitions
    assert docs["deployment.yaml"]["spec"]["replicas"] <= partitions


def test_configmap_holds_only_known_non_secret_settings() -> None:
    data = manifests()["configmap.yaml"]["data"]
    fields = {f"CXPULSE_{name.upper()}" for name in Settings.model_fields}
    assert set(data) <= fields
    assert not {k for k in data if any(s in k for s in ("PASSWORD", "TOKEN", "DSN", "WEBHOOK"))}
