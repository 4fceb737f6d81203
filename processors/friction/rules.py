"""The friction phrase file (YAML), validated and compiled once."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

SHIPPED = Path(__file__).with_name("rules.yaml")
SIGNALS = ("trapped_self_service", "long_wait", "repeating_themselves", "skill_gap", "broken_promise")


class SignalRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    phrases: tuple[str, ...] = ()
    agent_phrases: tuple[str, ...] = ()

    @field_validator("phrases", "agent_phrases")
    @classmethod
    def _compiles(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                re.compile(pattern)  # a bad pattern fails at load, not mid-stream
            except re.error as exc:
                raise ValueError(f"bad pattern {pattern!r}: {exc}") from None
        return value


class FrictionRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    signals: dict[str, SignalRules]

    @field_validator("signals")
    @classmethod
    def _known(cls, value: dict[str, SignalRules]) -> dict[str, SignalRules]:
        if unknown := set(value) - set(SIGNALS):
            raise ValueError(f"unknown friction signals {sorted(unknown)}; known: {SIGNALS}")
        return value


def load_rules(path: str | Path | None = None) -> FrictionRules:
    """Read a rules file; ``None`` or ``"default"`` is the shipped one."""
    source = SHIPPED if path in (None, "default") else Path(str(path))
    return FrictionRules.model_validate(yaml.safe_load(source.read_text()))
