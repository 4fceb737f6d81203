"""Everything that writes outside the process: ClickHouse, alert delivery, metrics."""
