"""The cxpulse boards, one module each; ``BOARDS`` maps uid to builder."""

from __future__ import annotations

from collections.abc import Callable

from grafana_foundation_sdk.builders.dashboard import Dashboard

from grafana.boards import accounts, agents, friction, overview, pipeline, social

BOARDS: dict[str, Callable[[], Dashboard]] = {
    overview.UID: overview.build,
    friction.UID: friction.build,
    agents.UID: agents.build,
    social.UID: social.build,
    accounts.UID: accounts.build,
    pipeline.UID: pipeline.build,
}
