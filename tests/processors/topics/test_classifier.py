from pathlib import Path

import pytest
import yaml

from processors.sentiment import SentimentClassifier
from processors.topics import TopicClassifier, TopicMatch, load_taxonomy

LABELLED = yaml.safe_load((Path(__file__).parent / "labelled_topics.yaml").read_text())


@pytest.fixture(scope="module")
def model() -> SentimentClassifier:
    return SentimentClassifier.default()


@pytest.fixture(scope="module")
def topics(model: SentimentClassifier) -> TopicClassifier:
    return TopicClassifier(load_taxonomy(), model.vectors)


def test_keywords_decide_and_may_give_several_topics() -> None:
    rules = TopicClassifier(load_taxonomy())  # no encoder: keywords only
    assert rules.classify("I was charged twice and still want a refund") == (
        TopicMatch("billing", "keyword:charged"), TopicMatch("refund", "keyword:refund"))
    assert rules.classify("the cancellation fee is wrong")[1] == TopicMatch("cancellation", "keyword:cancellation")


def test_keywords_match_whole_words_only() -> None:
    rules = TopicClassifier(load_taxonomy())
    assert [m.topic for m in rules.classify("does it come with a charger")] == ["other"]
    assert rules.classify("") == (TopicMatch("other", "fallback"),)


def test_labelled_messages(topics: TopicClassifier, model: SentimentClassifier) -> None:
    vectors = model.vectors([item["text"] for item in LABELLED])
    got = [sorted(m.topic for m in topics.classify(item["text"], v)) for item, v in zip(LABELLED, vectors, strict=True)]
    right = [g == sorted(item["topics"]) for g, item in zip(got, LABELLED, strict=True)]
    assert sum(right) / len(right) >= 0.9
    no_keyword = [r for r, item in zip(right, LABELLED, strict=True) if item.get("keyword") is False]
    assert len(no_keyword) >= 10 and sum(no_keyword) / len(no_keyword) >= 0.8  # similarity alone


def test_similarity_needs_a_close_example(topics: TopicClassifier, model: SentimentClassifier) -> None:
    [vector] = model.vectors(["Thanks, that's all"])
    assert topics.similar(vector) is None
    [vector] = model.vectors(["the van never turned up even though I stayed home all day"])
    match = topics.similar(vector)
    assert match is not None and match.topic == "delivery" and match.rule.startswith("similar:")


def test_a_custom_taxonomy_file(tmp_path: Path) -> None:
    path = tmp_path / "tax.yaml"
    path.write_text("fallback: misc\ntopics:\n  pets: {label: Pets, keywords: ['dog*']}\n")
    rules = TopicClassifier(load_taxonomy(path))
    assert rules.classify("my dogs hate it") == (TopicMatch("pets", "keyword:dogs"),)
    assert rules.classify("hello") == (TopicMatch("misc", "fallback"),)
    assert load_taxonomy(path).names == ("pets", "misc")


def test_a_bad_taxonomy_file_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "tax.yaml"
    path.write_text("topics:\n  pets: {keywords: ['dog']}\n")  # no label
    with pytest.raises(ValueError, match="label"):
        load_taxonomy(path)
