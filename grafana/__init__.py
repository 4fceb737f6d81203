"""Grafana boards and alert rules as code, and the tools that check and ship them.

The boards are built with grafana-foundation-sdk (``grafana.boards``), exported
to ``grafana/dashboards/*.json`` and provisioned from ``grafana/provisioning/``
or pushed with ``cxpulse grafana sync``. Grafana-managed alert rules live in
``grafana.alerting``. ``grafana.macros`` and ``grafana.templating`` expand
panel SQL the way Grafana and its ClickHouse plugin do, so the queries can be
run and checked on embedded ClickHouse where no Grafana server runs.
"""
