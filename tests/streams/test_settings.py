import pytest
from pydantic import ValidationError

from streams.settings import Settings


def test_defaults_are_local_and_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings()
    assert s.web_host == "127.0.0.1" and s.kafka_bootstrap == "127.0.0.1:9092"
    assert s.ingest_token is None and not s.ingest_auth_disabled
    assert s.dsn.startswith("chdb:///") and s.dsn.endswith("/clickhouse")


def test_every_setting_reads_its_env_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXPULSE_KAFKA_PORT", "19092")
    monkeypatch.setenv("CXPULSE_TOPIC_PREFIX", "acme.")
    monkeypatch.setenv("CXPULSE_INGEST_TOKEN", "t0ken")
    monkeypatch.setenv("CXPULSE_CLICKHOUSE_DSN", "http://u:pw@127.0.0.1:8123/cx")
    s = Settings()
    assert s.kafka_bootstrap == "127.0.0.1:19092"
    assert s.topic("chat") == "acme.chat" and s.deadletter_topic == "acme.deadletter"
    assert s.dsn == "http://u:pw@127.0.0.1:8123/cx"
    assert "t0ken" not in repr(s) and "pw" not in repr(s)


def test_settings_are_frozen_and_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError):
        Settings().batch_size = 3  # type: ignore[misc]
    monkeypatch.setenv("CXPULSE_BATCH_SIZE", "0")
    with pytest.raises(ValidationError):
        Settings()


@pytest.mark.parametrize(("raw", "windows"), [("2", (2,)), ("2,5,15", (2, 5, 15)), ("[15, 2]", (2, 15))])
def test_detector_windows_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, raw: str,
                                                     windows: tuple[int, ...]) -> None:
    monkeypatch.setenv("CXPULSE_DETECT_WINDOWS", raw)
    assert Settings().detector_config().windows == windows


@pytest.mark.parametrize("raw", ["0", "2,2", "61", "two"])
def test_bad_detector_windows_are_refused(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("CXPULSE_DETECT_WINDOWS", raw)
    with pytest.raises(ValueError):
        Settings()


@pytest.mark.parametrize(("raw", "regions"), [("GB", ("GB",)), ("us, de ,fr", ("US", "DE", "FR")),
                                              ('["IN", "BR"]', ("IN", "BR"))])
def test_phone_regions_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, raw: str,
                                                 regions: tuple[str, ...]) -> None:
    monkeypatch.setenv("CXPULSE_PHONE_REGIONS", raw)
    assert Settings().phone_regions == regions


@pytest.mark.parametrize("raw", ["", "UK", "US,XX"])
def test_unknown_phone_regions_are_refused(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("CXPULSE_PHONE_REGIONS", raw)
    with pytest.raises(ValidationError, match="unknown phone region"):
        Settings()
