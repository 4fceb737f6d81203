"""The topic taxonomy file (YAML): topics, keywords, example phrases.

Example::

    from processors.topics import load_taxonomy
    tax = load_taxonomy()              # the shipped taxonomy.yaml
    tax.names                          # ('billing', 'delivery', ..., 'other')
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

SHIPPED = Path(__file__).with_name("taxonomy.yaml")


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    min_similarity: float = Field(0.6, ge=-1, le=1)
    fallback: str = "other"
    topics: dict[str, Topic]

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.topics, self.fallback)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file; ``None`` or ``"default"`` is the shipped one."""
    source = SHIPPED if path in (None, "default") else Path(str(path))
    return Taxonomy.model_validate(yaml.safe_load(source.read_text()))
