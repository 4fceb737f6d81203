"""Reproducible fine-tuning of the shipped sentiment model (needs ``cxpulse[train]``).

Run ``cxpulse model train`` (see ``processors/sentiment/artifact/MODEL_CARD.md``).
Nothing in this package is imported by the runtime classifier.
"""
