"""Spike detection in the worker: live minutes -> detector -> ``cx.alerts`` -> delivery targets."""
