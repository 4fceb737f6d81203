import pytest

from processors.sentiment.chunking import aggregate, split_chunks
from processors.sentiment.labels import canonical_labels
from processors.sentiment.language import detect_language


def test_short_text_is_one_chunk() -> None:
    assert split_chunks("Where is my parcel? It is late.") == ["Where is my parcel? It is late."]


def test_chunks_respect_word_limit_and_sentences() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(100))
    chunks = split_chunks(text, max_words=40)
    assert all(len(c.split()) <= 40 for c in chunks)
    assert " ".join(chunks) == text


def test_one_huge_sentence_is_split() -> None:
    chunks = split_chunks("word " * 500, max_words=80, keep=100)
    assert len(chunks) == 7 and all(len(c.split()) <= 80 for c in chunks)


def test_very_long_text_keeps_head_and_tail() -> None:
    chunks = split_chunks(" ".join(f"s{i}." for i in range(10_000)), max_words=10, keep=3)
    assert len(chunks) == 6 and chunks[0].startswith("s0.") and chunks[-1].endswith("s9999.")


def test_aggregate_weights_by_length() -> None:
    assert aggregate([1.0, -1.0], ["a b c", "d"]) == pytest.approx(0.5)


@pytest.mark.parametrize(("names", "expected"), [
    ({0: "NEG", 1: "NEU", 2: "POS"}, ("negative", "neutral", "positive")),
    ({0: "Negative", 1: "Positive"}, ("negative", "positive")),
    ({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, ("negative", "neutral", "positive")),
])
def test_label_mapping(names: dict[int, str], expected: tuple[str, ...]) -> None:
    assert canonical_labels(names) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("My parcel never arrived and nobody answers the phone", "en"),
    ("great product", "en"),
    ("Meine Bestellung ist immer noch nicht angekommen", "de"),
    ("Bonjour, ma commande n'est toujours pas arrivée", "fr"),
    ("", "und"),
    ("🙄🙄", "und"),
])
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_unit_mean_is_the_unit_length_mean() -> None:
    import numpy as np

    from processors.sentiment.backend import unit_mean

    a, b = np.array([3.0, 4.0], dtype=np.float32), np.array([0.0, 2.0], dtype=np.float32)
    assert unit_mean([]) is None
    def mean_of(vectors: list[np.ndarray] | np.ndarray) -> np.ndarray:
        out = unit_mean(vectors)
        assert out is not None
        return out

    assert np.allclose(mean_of([a]), [0.6, 0.8])
    mean = (a + b) / 2
    assert np.allclose(mean_of([a, b]), mean / np.linalg.norm(mean))
    assert np.allclose(mean_of(np.stack([a, b])), mean / np.linalg.norm(mean))
    assert np.allclose(mean_of([np.zeros(2, dtype=np.float32)]), [0.0, 0.0])
