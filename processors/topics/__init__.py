"""Topic taxonomy: which subject a customer message is about (multi-label)."""

from processors.topics.classifier import TopicClassifier, TopicMatch
from processors.topics.taxonomy import Taxonomy, load_taxonomy

__all__ = ["Taxonomy", "TopicClassifier", "TopicMatch", "load_taxonomy"]
