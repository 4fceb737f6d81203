"""The compose file validates against the Compose Specification schema and points at real files.

No Docker engine runs here, so ``docker compose config`` is replaced by what
it checks that can run: variables interpolated as compose does (``${X:?}``,
``${X:-d}``), the result validated against the compose-spec JSON schema
(as vendored by check-jsonschema), and every path, service and port
reference checked.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ENV_EXAMPLE = DEPLOY / "cxpulse.env.example"


def sample_env() -> dict[str, str]:
    keys = re.findall(r"^#?\s*([A-Z_]+)=", ENV_EXAMPLE.read_text(), re.M)
    return {k: f"example-{k.lower()}" for k in keys}


def interpolate(text: str, env: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        name, op, arg = m[1], m[2], m[3]
        if env.get(name):
            return env[name]
        if op == ":?":
            raise KeyError(f"{name}: {arg}")
        return arg or ""
    return re.sub(r"\$\{(\w+)(?:(:\?|:-)([^}]*))?\}", one, text)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(interpolate((DEPLOY / "docker-compose.yml").read_text(), sample_env()))


def test_matches_the_compose_specification(compose: dict[str, Any]) -> None:
    schema = json.loads(files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json").read_text())
    jsonschema.validate(compose, schema)


def test_every_required_variable_is_in_the_env_example() -> None:
    needed = set(re.findall(r"\$\{(\w+):\?", (DEPLOY / "docker-compose.yml").read_text()))
    assert needed <= set(sample_env())
    with pytest.raises(KeyError):
        interpolate((DEPLOY / "docker-compose.yml").read_text(), {})


def test_the_full_stack_is_there(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"kafka", "clickhouse", "worker", "prometheus", "alertmanager", "grafana"} <= set(services)
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert "grafana-clickhouse-datasource" in services["grafana"]["environment"]["GF_INSTALL_PLUGINS"]
    for name, service in services.items():
        for dep in service.get("depends_on", []):
            assert dep in services, (name, dep)


def test_host_paths_exist_and_ports_bind_loopback(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), (name, source)
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), (name, port)
    build = compose["services"]["worker"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).is_file()


def test_dockerfile_copies_what_exists() -> None:
    root = DEPLOY.parent
    for line in (DEPLOY / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY ") and "--from" not in line:
            for source in line.split()[1:-1]:
                assert (root / source).exists(), source
