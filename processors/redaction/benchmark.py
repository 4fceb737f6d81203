"""``cxpulse bench-redaction``: recall per kind, over-redaction and texts/s on a
generated corpus (``processors.redaction.corpus``), side by side with the
previous release's rules (a baseline in the same run) and with Microsoft
Presidio where it is installed.

A planted value counts as removed only if none of its words (two characters
or more) is left in the redacted text: a partial leak ("[NAME] Vautrin") is a
miss. Over-redaction is the share of the template's own words that are gone.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from processors.redaction.corpus import KINDS, Sample, words

Redact = Callable[[str], str]
# Presidio's names for the kinds measured (its DATE_TIME takes every date, not only births).
PRESIDIO_ENTITIES = ("PERSON", "LOCATION", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
                     "UK_NINO", "IN_AADHAAR", "IN_PAN", "ES_NIF", "IT_FISCAL_CODE", "IP_ADDRESS", "DATE_TIME")


def _batched(redactor: Any, size: int = 128) -> Callable[[list[str]], list[str]]:
    """The worker's way: a stream batch at a time."""
    def redact(texts: list[str]) -> list[str]:
        return [r.text for i in range(0, len(texts), size) for r in redactor.redact_many(texts[i:i + size])]
    redact.batched = True  # type: ignore[attr-defined]
    return redact


def score(redact: Any, samples: Sequence[Sample]) -> dict[str, Any]:
    found: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    kept_total = kept_lost = 0
    started = time.perf_counter()
    texts = [s.text for s in samples]
    outputs = redact(texts) if getattr(redact, "batched", False) else [redact(t) for t in texts]
    seconds = time.perf_counter() - started
    for sample, out in zip(samples, outputs, strict=True):
        left, kept = Counter(words(out)), Counter(sample.kept_words())
        for s, e, kind in sample.spans:
            planted[kind] += 1
            planted_words = [w for w in words(sample.text[s:e]) if len(w) >= 2]
            if not any(left[w] > kept[w] for w in planted_words):
                found[kind] += 1
        kept_total += sum(kept.values())
        kept_lost += sum(max(0, n - left[w]) for w, n in kept.items())
    recall = {k: round(found[k] / planted[k], 3) for k in KINDS if planted[k]}
    return {"recall": recall, "recall_all": round(sum(found.values()) / max(1, sum(planted.values())), 3),
            "spans": sum(planted.values()), "over_redaction": round(kept_lost / max(1, kept_total), 4),
            "texts_per_s": round(len(samples) / seconds, 1)}


def presidio() -> Redact | None:
    """Presidio's analyzer on the same spaCy model, asked for the kinds measured here; None when not installed."""
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None
    import logging

    from processors.redaction.names import MODEL

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])

    def redact(text: str) -> str:
        found = engine.analyze(text, language="en", entities=list(PRESIDIO_ENTITIES))
        for r in sorted(found, key=lambda r: r.start, reverse=True):
            text = text[: r.start] + f"[{r.entity_type}]" + text[r.end :]
        return text

    return redact


def run(n: int, seed: int, family: str) -> dict[str, dict[str, Any]]:
    from processors.redaction import Redactor, default_recognisers
    from processors.redaction.corpus import generate

    samples = list(generate(n, seed, family))
    ours, rules_only = Redactor(), Redactor(recognisers=default_recognisers(names_model=None))
    results = {"cxpulse": score(_batched(ours), samples),
               "cxpulse without spaCy": score(_batched(rules_only), samples),
               "cxpulse text by text": score(lambda t: ours.redact(t).text, samples)}
    other = presidio()
    if other is not None:
        results["presidio (spaCy sm)"] = score(other, samples)
    return results


def report(results: dict[str, dict[str, Any]], n: int, family: str) -> str:
    kinds = [k for k in KINDS if any(k in r["recall"] for r in results.values())]
    lines = [f"redaction on {n} generated messages ({family} templates, {len(results)} redactors)",
             f"{'redactor':24} {'all':>6} " + " ".join(f"{k[:8]:>8}" for k in kinds) + "   over   texts/s"]
    base = results["cxpulse"]["texts_per_s"]
    for name, r in results.items():
        cells = " ".join(f"{r['recall'].get(k, float('nan')):8.3f}" for k in kinds)
        lines.append(f"{name:24} {r['recall_all']:6.3f} {cells} {r['over_redaction']:6.2%} {r['texts_per_s']:8.0f}"
                     f" ({r['texts_per_s'] / base:.2f}x)")
    if "presidio (spaCy sm)" not in results:
        lines.append("Presidio not installed (pip install presidio-analyzer): no side-by-side column")
    return "\n".join(lines)
