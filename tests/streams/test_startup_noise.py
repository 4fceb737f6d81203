"""The expected coordinator messages of a first start are INFO while the process is young, news later."""

from __future__ import annotations

import logging

import pytest

from streams.startup_noise import StartupNoise


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def logger() -> logging.Logger:
    log = logging.getLogger("aiokafka.consumer.group_coordinator.test")
    log.setLevel(logging.INFO)
    return log


def test_expected_messages_are_info_at_start_and_keep_their_level_later(
        logger: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    noise = StartupNoise(60.0, clock)
    logger.addFilter(noise)
    try:
        with caplog.at_level(logging.INFO, logger=logger.name):
            logger.error("Group Coordinator Request failed: %s", "[Error 15] GroupCoordinatorNotAvailableError")
            logger.error("Group Coordinator Request failed: %s", "[Error 30] GroupAuthorizationFailedError")
            clock.now = 61.0
            logger.warning("Marking the coordinator dead (node %s)for group %s.", 1, "cxpulse")
    finally:
        logger.removeFilter(noise)
    levels = [(r.levelname, r.getMessage()[:40]) for r in caplog.records]
    assert levels == [("INFO", "Group Coordinator Request failed: [Error"),
                      ("ERROR", "Group Coordinator Request failed: [Error"),
                      ("WARNING", "Marking the coordinator dead (node 1)for")]
    assert "expected at start" in caplog.records[0].getMessage()


def test_at_warning_level_the_lowered_messages_are_not_shown(logger: logging.Logger,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    logger.setLevel(logging.WARNING)
    noise = StartupNoise(60.0, Clock())
    logger.addFilter(noise)
    try:
        with caplog.at_level(logging.WARNING, logger=logger.name):
            logger.warning("Marking the coordinator dead (node %s)for group %s.", 1, "cxpulse")
    finally:
        logger.removeFilter(noise)
    assert caplog.records == []
