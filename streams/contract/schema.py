"""JSON Schema files generated from the contract models.

Publishers in any language validate against ``streams/contract/schemas``;
``cxpulse schema export`` rewrites them and a test fails when they are stale.
The files are plain JSON Schema 2020-12 that compile in strict mode (ajv's
``strict: true`` with ajv-formats, Python's jsonschema with a format checker):
OpenAPI's ``discriminator`` keyword is replaced by a ``oneOf`` whose branches
each fix ``kind``, and ``kind`` is required at the top. The test suite checks
that these validators and :func:`streams.contract.parse_event` agree case by
case; the few rules no schema can state are ``envelope.PYTHON_ONLY_RULES``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streams.contract.envelope import Envelope
from streams.contract.event import EVENT
from streams.contract.kinds import (
    AccountEvent,
    CallEvent,
    CaseEvent,
    ChatEvent,
    EmailEvent,
    SocialEvent,
    SurveyEvent,
)

SCHEMA_DIR = Path(__file__).with_name("schemas")
BASE_URI = "https://cxpulse.dev/schemas/v1/"
MODELS: dict[str, type[Envelope]] = {"chat": ChatEvent, "email": EmailEvent, "call": CallEvent, "social": SocialEvent,
          "survey": SurveyEvent, "case": CaseEvent, "account": AccountEvent}


def union_schema() -> dict[str, Any]:
    """The union as standard JSON Schema: ``kind`` required, then the one kind's schema.

    An ``if``/``then`` per kind rather than ``oneOf``: a validator reports the
    errors of the event's own kind only, not of all seven.
    """
    doc = EVENT.json_schema()
    refs = {branch["$ref"].rsplit("/", 1)[1]: branch["$ref"] for branch in doc["oneOf"]}
    return {
        "type": "object", "required": ["kind"],
        "properties": {"kind": {"enum": list(MODELS), "description": "Which kind of event"}},
        "allOf": [{"if": {"properties": {"kind": {"const": kind}}},
                   "then": {"$ref": refs[model.__name__]}} for kind, model in MODELS.items()],
        "$defs": doc["$defs"],
    }


def render_all() -> dict[str, str]:
    """File name -> JSON text for the union and each kind."""
    docs = {"event.v1.json": union_schema()}
    docs |= {f"{kind}.v1.json": model.model_json_schema() for kind, model in MODELS.items()}
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
