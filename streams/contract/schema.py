"""JSON Schema files generated from the contract models.

Publishers in any language validate against ``streams/contract/schemas``;
``cxpulse schema export`` rewrites them and a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from streams.contract.event import EVENT
from streams.contract.kinds import (
    AccountEvent, CallEvent, CaseEvent, ChatEvent, EmailEvent, SocialEvent, SurveyEvent,
)

SCHEMA_DIR = Path(__file__).with_name("schemas")
BASE_URI = "https://cxpulse.dev/schemas/v1/"
MODELS = {"chat": ChatEvent, "email": EmailEvent, "call": CallEvent, "social": SocialEvent,
          "survey": SurveyEvent, "case": CaseEvent, "account": AccountEvent}


def render_all() -> dict[str, str]:
    """File name -> JSON text for the union and each kind."""
    docs = {"event.v1.json": EVENT.json_schema()}
    docs |= {f"{kind}.v1.json": TypeAdapter(model).json_schema() for kind, model in MODELS.items()}
    out = {}
    for name, doc in docs.items():
        doc = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE_URI + name, **doc}
        out[name] = json.dumps(doc, indent=2, sort_keys=True) + "\n"
    return out


def write_all(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in render_all().items():
        (folder / name).write_text(text)
        paths.append(folder / name)
    return paths
