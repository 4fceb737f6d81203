"""Realistic, seeded multichannel support traffic for demos, tests and benchmarks."""

from streams.simulator.traffic import Incident, SimConfig, Simulator

__all__ = ["Incident", "SimConfig", "Simulator"]
