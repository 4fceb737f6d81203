"""Another model named in configuration works through the same interface."""

from pathlib import Path

import pytest

from processors.sentiment import SentimentClassifier
from tests.processors.sentiment.tiny_models import onnx_folder, torch_folder

TEXTS = ["the service is great", "awful terrible service", "i hate it", ""]


def test_three_label_onnx_folder(tmp_path: Path) -> None:
    folder = onnx_folder(tmp_path / "tiny3", {0: "negative", 1: "neutral", 2: "positive"})
    clf = SentimentClassifier.from_path(folder)
    results = clf.classify(TEXTS)
    assert [r.scored for r in results] == [True, True, True, False]
    for r in results:
        assert r.label in {"negative", "neutral", "positive"} and -1 <= r.score <= 1
    assert clf.model == "tiny3"


def test_label_k_names_follow_convention(tmp_path: Path) -> None:
    folder = onnx_folder(tmp_path / "tiny2", {0: "LABEL_0", 1: "LABEL_1"}, seed=3)
    clf = SentimentClassifier.from_path(folder)
    assert clf.backend.labels == ("negative", "positive")
    assert all(r.label in {"negative", "neutral", "positive"} for r in clf.classify(TEXTS))


def test_unmappable_labels_are_a_clear_error(tmp_path: Path) -> None:
    folder = onnx_folder(tmp_path / "odd", {0: "joy", 1: "anger", 2: "fear", 3: "sadness"})
    with pytest.raises(ValueError, match="cannot map sentiment labels"):
        SentimentClassifier.from_path(folder)


@pytest.mark.train
def test_pytorch_hugging_face_folder(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="PyTorch folders need the train extra (torch)")
    folder = torch_folder(tmp_path / "tinybert", {0: "negative", 1: "neutral", 2: "positive"})
    clf = SentimentClassifier.from_path(folder)
    results = clf.classify(TEXTS)
    assert [r.scored for r in results] == [True, True, True, False]
    assert type(clf.backend).__name__ == "TorchBackend"
