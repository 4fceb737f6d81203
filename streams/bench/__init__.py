"""``cxpulse bench``: end-to-end performance harness (a benchmark, never a timed test)."""
