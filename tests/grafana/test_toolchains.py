"""A missing Go or node toolchain skips Grafana's own checks with the reason, except in CI, where it fails."""

from __future__ import annotations

import pytest

from tests.grafana.toolchains import missing


@pytest.mark.parametrize("ci", ["", "false"])
def test_outside_ci_a_missing_toolchain_skips(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="the Go toolchain is not installed"):
        missing("the Go toolchain")


@pytest.mark.parametrize("ci", ["true", "1", "TRUE"])
def test_in_ci_a_missing_toolchain_fails(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="needed in CI"):
        missing("Node.js and npm")
