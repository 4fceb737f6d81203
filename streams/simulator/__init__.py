"""Realistic, seeded multichannel support traffic for demos, tests and benchmarks."""

from streams.simulator.incidents import Incident
from streams.simulator.traffic import SimConfig, Simulator

__all__ = ["Incident", "SimConfig", "Simulator"]
