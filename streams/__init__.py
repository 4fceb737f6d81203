"""Everything that knows Faust and Kafka: app, contract, agents, HTTP ingest, CLI."""
