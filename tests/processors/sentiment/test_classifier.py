import json
import subprocess
import sys
from pathlib import Path

import pytest

from processors.sentiment import SentimentClassifier
from processors.sentiment.training.report import SUPPORT_SET

SUPPORT = [json.loads(line) for line in SUPPORT_SET.read_text().splitlines()]


def test_support_set_is_big_enough() -> None:
    assert len(SUPPORT) >= 40
    assert sum(r["expected"] != "neutral" for r in SUPPORT) >= 32


def test_shipped_model_gets_polar_support_messages_right(classifier: SentimentClassifier) -> None:
    polar = [r for r in SUPPORT if r["expected"] != "neutral"]
    got = classifier.classify([r["text"] for r in polar])
    misses = [(r["text"], s.label, s.score) for r, s in zip(polar, got, strict=True) if s.label != r["expected"]]
    assert 1 - len(misses) / len(polar) >= 0.9, misses


def test_scores_are_signed_confidences(classifier: SentimentClassifier) -> None:
    neg, pos = classifier.classify(["This is awful, nobody helps me", "Brilliant service, thank you!"])
    assert -1 <= neg.score < 0 < pos.score <= 1
    assert neg.model == pos.model == "cxpulse-minilm-sentiment@1"


@pytest.mark.parametrize("text", ["", "   \n\t", "😡😡😡", "12345 !!!", "\u200b\u200b"])
def test_inputs_without_words_get_a_defined_unscored_result(classifier: SentimentClassifier,
                                                            text: str) -> None:
    [s] = classifier.classify([text])
    assert (s.label, s.score, s.scored) == ("neutral", 0.0, False)
    assert s.language == "und"


def test_non_english_is_marked_not_scored(classifier: SentimentClassifier) -> None:
    [s] = classifier.classify(["Hola, mi pedido no ha llegado todavía y nadie me responde"])
    assert s.language == "es" and not s.scored and s.label == "neutral"


def test_very_long_text_is_chunked_and_bounded(classifier: SentimentClassifier) -> None:
    text = ("The delivery was late again and nobody called me back. " * 2000)[:100_000]
    [s] = classifier.classify([text])
    assert s.scored and s.label == "negative"
    assert 2 <= len(s.chunks) <= 16


def test_long_email_exposes_per_chunk_scores(classifier: SentimentClassifier) -> None:
    opening = "I am furious, the router broke after two days and support hung up on me. " * 6
    closing = "Thanks to Tom, everything works perfectly now and I am really happy. " * 6
    [s] = classifier.classify([opening + closing])
    assert s.chunks[0] < 0 < s.chunks[-1]


def test_identical_texts_are_served_from_the_cache(classifier: SentimentClassifier) -> None:
    text = "@AcmeHelp third day without internet, unacceptable"
    first, again = classifier.classify([text, text])
    assert first is again and classifier.classify([text])[0] is first


def test_runtime_never_imports_torch() -> None:
    code = ("import sys\nfrom processors.sentiment import SentimentClassifier\n"
            "SentimentClassifier.default().classify(['hello, my order is late'])\n"
            "import streams.app, streams.pipeline\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_runtime_memory_stays_small() -> None:
    # VmHWM, not ru_maxrss: ru_maxrss survives exec, so a child forked from a large test
    # process would report the parent's size; VmHWM belongs to the new address space.
    code = ("from processors.sentiment import SentimentClassifier\n"
            "c = SentimentClassifier.default()\nc.classify(['my parcel is late again'] * 64)\n"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert int(out.stdout.strip()) / 1024 < 500, "peak RSS over 500 MB"


def test_shipped_artifact_is_complete_and_small() -> None:
    from processors.sentiment.classifier import ARTIFACT

    for name in ("model.onnx", "tokenizer.json", "config.json", "cxpulse.json", "MODEL_CARD.md"):
        assert (ARTIFACT / name).exists(), name
    assert (ARTIFACT / "model.onnx").stat().st_size < 30 * 2**20
    assert 0 < json.loads((ARTIFACT / "cxpulse.json").read_text())["neutral_band"] < 1


def test_model_card_records_support_misses() -> None:
    from processors.sentiment.classifier import ARTIFACT

    card = (ARTIFACT / "MODEL_CARD.md").read_text()
    metrics = json.loads((ARTIFACT / "metrics.json").read_text())
    for miss in metrics["support_misses"]:
        assert repr(miss["text"][:110]) in card


def test_from_setting_accepts_default_and_folders(tmp_path: Path) -> None:
    from tests.processors.sentiment.tiny_models import onnx_folder

    folder = onnx_folder(tmp_path / "m", {0: "negative", 1: "positive"})
    assert SentimentClassifier.from_setting(str(folder)).model == "m"
