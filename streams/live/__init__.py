"""Live per-minute aggregates in a Faust windowed table (what detectors read)."""
