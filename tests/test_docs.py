"""The README stays in step with the code it documents."""

from pathlib import Path

from streams.settings import Settings

ROOT = Path(__file__).parents[1]


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [n for n in Settings.model_fields if f"CXPULSE_{n.upper()}" not in readme]
    assert not missing, f"README configuration table lacks {missing}"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    assert "make test" in (ROOT / "README.md").read_text()
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_every_variable_of_the_compose_stack_and_grafana_provisioning_is_in_the_readme() -> None:
    import re

    readme = (ROOT / "README.md").read_text()
    files = [ROOT / "deploy" / "docker-compose.yml", *sorted((ROOT / "grafana" / "provisioning").rglob("*.yaml"))]
    lines = [line for path in files for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]
    names = {m for line in lines for m in re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", line)}
    missing = sorted(n for n in names if f"`{n}`" not in readme and f"/ `{n}`" not in readme)
    assert not missing, f"README configuration tables lack {missing}"
