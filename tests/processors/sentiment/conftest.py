import pytest

from processors.sentiment import SentimentClassifier


@pytest.fixture(scope="session")
def classifier() -> SentimentClassifier:
    return SentimentClassifier.default()
