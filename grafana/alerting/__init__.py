"""Grafana-managed alert rules over ClickHouse, contact points and the notification policy."""
