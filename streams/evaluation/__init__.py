"""``cxpulse eval detect``: the spike detectors scored on simulated incidents (docs/detection.md)."""
