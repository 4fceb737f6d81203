"""HTTP endpoints on the worker's web server: ingest, health, metrics."""
