"""Friction signals: trapped in self-service, long waits, repeating themselves,
skill gaps and broken promises, each with the evidence that fired it."""

from processors.friction.detector import ContactFacts, FrictionDetector, FrictionHit, signals_of
from processors.friction.rules import SIGNALS, FrictionRules, load_rules

__all__ = ["SIGNALS", "ContactFacts", "FrictionDetector", "FrictionHit", "FrictionRules",
           "load_rules", "signals_of"]
