"""The ``cxpulse`` command line."""
