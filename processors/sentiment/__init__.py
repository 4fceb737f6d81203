"""Offline sentiment for customer messages (ONNX int8 runtime, no torch).

Example::

    from processors.sentiment import SentimentClassifier
    clf = SentimentClassifier.default()
    clf.classify(["Thanks, Maria sorted it out in five minutes!"])[0].label  # 'positive'
"""

from processors.sentiment.classifier import SentimentClassifier
from processors.sentiment.result import Label, Sentiment

__all__ = ["Label", "Sentiment", "SentimentClassifier"]
