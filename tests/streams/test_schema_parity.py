"""The worker's contract, Python's jsonschema and ajv (JavaScript) agree case by case.

Three independent readings of each raw event in ``tests/contract_corpus.py``:
``streams.contract.parse_event`` (what the worker does), the published
``event.v1.json`` with Python's ``jsonschema`` (2020-12, format checker on),
and the same file with ajv 8 in strict mode with ajv-formats, run by node on
``JSON.parse`` of the same text (what a TypeScript publisher does). Each must
give the case's verdict; the only differences allowed are the rules no
schema can state (``python_only``) and one documented quirk of Python's ``re``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from streams.contract import ChatTurn, InvalidEvent, Utterance, parse_event
from streams.contract.envelope import PYTHON_ONLY_RULES
from streams.contract.schema import MODELS, SCHEMA_DIR
from tests.contract_corpus import Case, corpus

AJV_DIR = Path(__file__).with_name("ajv")
CASES = corpus()


def _strict_json(raw: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")
    return json.loads(raw, parse_constant=refuse)


def _python_contract(case: Case) -> bool:
    try:
        parse_event(case.raw.encode("utf-8", "surrogatepass"))
    except InvalidEvent:
        return False
    return True


def _jsonschema(case: Case, schema_file: str = "event.v1.json") -> bool:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA_DIR / schema_file).read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    try:
        data = _strict_json(case.raw)
    except ValueError:
        return False
    return validator.is_valid(data)


def _node_ready() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        if os.environ.get("CI"):
            pytest.fail("node and npm are needed for the ajv parity test (Debian: apt-get install nodejs npm)")
        pytest.skip("node/npm not installed: the ajv half of the parity test needs them")
    if not (AJV_DIR / "node_modules" / "ajv").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=AJV_DIR, check=True,
                       capture_output=True, timeout=300)
    return Path(node)


@pytest.fixture(scope="module")
def ajv_verdicts() -> dict[str, dict[str, dict[str, Any]]]:
    """schema file -> case name -> ajv's answer."""
    node = _node_ready()
    lines = "".join(json.dumps({"id": c.name, "raw": c.raw}) + "\n" for c in CASES)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name in ["event.v1.json", *(f"{k}.v1.json" for k in MODELS)]:
        done = subprocess.run([str(node), "validate.mjs", str(SCHEMA_DIR / name)], cwd=AJV_DIR, input=lines,
                              capture_output=True, text=True, check=True, timeout=120)
        out[name] = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    return out


def test_corpus_is_broad() -> None:
    assert len(CASES) >= 150 and len({c.name for c in CASES}) == len(CASES)
    assert sum(c.valid for c in CASES) >= 50 and sum(not c.valid for c in CASES) >= 100
    assert {c.name for c in CASES if c.python_only} and len(PYTHON_ONLY_RULES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_worker_gives_the_verdict(case: Case) -> None:
    assert _python_contract(case) is case.valid


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_python_jsonschema_gives_the_verdict(case: Case) -> None:
    expected = case.valid or case.python_only or case.python_re_lenient
    assert _jsonschema(case) is expected


def test_ajv_gives_the_verdict(ajv_verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    union = ajv_verdicts["event.v1.json"]
    wrong = [f"{c.name}: ajv says {'valid' if union[c.name]['valid'] else union[c.name]['errors'][:3]}"
             for c in CASES if union[c.name]["valid"] is not (c.valid or c.python_only)]
    assert not wrong, "\n".join(wrong)


def test_each_kind_schema_agrees_with_the_union(ajv_verdicts: dict[str, dict[str, dict[str, Any]]]) -> None:
    """A publisher may validate against its kind's file alone: same verdict for events of that kind."""
    wrong = []
    for c in CASES:
        try:
            kind = _strict_json(c.raw).get("kind")
        except (ValueError, AttributeError):
            continue
        if kind not in MODELS:
            continue
        name = f"{kind}.v1.json"
        union = ajv_verdicts["event.v1.json"][c.name]["valid"]
        if ajv_verdicts[name][c.name]["valid"] is not union or _jsonschema(c, name) is not (union or c.python_re_lenient):
            wrong.append(f"{c.name}: {name} disagrees with event.v1.json")
    assert not wrong, "\n".join(wrong)


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return set()


def test_details_name_fields_and_rules_never_values() -> None:
    """A value can be personal data: no string value of the input appears in the reason's detail.

    Unknown field names are named when they are plain identifiers (``favourite_colour``), so a
    publisher can fix them; any other key is shown as ``<field>``.
    """
    models: list[type[BaseModel]] = [*MODELS.values(), ChatTurn, Utterance]
    allowed = set(MODELS) | {f for m in models for f in m.model_fields} | {
        "customer", "agent", "bot", "ivr", "nps", "csat", "ces"}
    leaks = []
    for c in CASES:
        try:
            parse_event(c.raw.encode("utf-8", "surrogatepass"))
            continue
        except InvalidEvent as exc:
            detail = exc.detail
        try:
            values = _strings(_strict_json(c.raw))
        except ValueError:
            continue
        leaks += [f"{c.name}: {v!r}" for v in values - allowed if len(v) >= 4 and v in detail]
    assert not leaks, "\n".join(leaks)
