"""The live terminal board shown by ``cxpulse demo`` (reads ``cx.enriched``)."""
