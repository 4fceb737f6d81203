"""App wiring: Kafka security settings reach Faust; secrets stay out of /health."""

from pathlib import Path

import faust
from pydantic import SecretStr

from sinks.clickhouse.client import redact_dsn
from streams.app import create_app
from streams.kafka_auth import client_options, credentials
from streams.runtime import Runtime
from streams.settings import Settings
from streams.stack.tls import make_keystore


def test_plaintext_has_no_credentials() -> None:
    assert credentials(Settings()) is None


def test_sasl_ssl_settings_become_faust_credentials() -> None:
    s = Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism="SCRAM-SHA-512",
                 kafka_sasl_username="cx", kafka_sasl_password=SecretStr("pw"))
    creds = credentials(s)
    assert isinstance(creds, faust.SASLCredentials)
    assert (creds.username, creds.password, creds.ssl_context is not None) == ("cx", "pw", True)


def test_ssl_only() -> None:
    assert isinstance(credentials(Settings(kafka_security_protocol="SSL")), faust.SSLCredentials)


def test_app_binds_loopback_and_registers_the_agent_and_views() -> None:
    app = create_app(Settings(web_port=16999))
    assert app.conf.web_bind == "127.0.0.1" and app.conf.web_port == 16999
    assert "cx-process" in app.agents
    routes = {r.canonical for r in app.web.web_app.router.resources()}  # type: ignore[attr-defined]  # aiohttp's app
    assert {"/v1/events", "/health", "/metrics"} <= routes


def test_health_hides_the_dsn_password() -> None:
    dsn = "http://cx:s3cret@127.0.0.1:8123/cx"
    health = Runtime(Settings(clickhouse_dsn=SecretStr(dsn))).health()
    assert "s3cret" not in str(health) and health["store"] == "http://cx:***@127.0.0.1:8123/cx"
    assert redact_dsn("chdb:///tmp/x") == "chdb:///tmp/x"


def test_faust_keeps_its_files_under_the_data_dir(tmp_path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "d"))
    assert str(app.conf.datadir).startswith(str(tmp_path / "d"))


def test_every_aiokafka_client_gets_the_same_security_settings() -> None:
    assert client_options(Settings()) == {"security_protocol": "PLAINTEXT"}
    s = Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism="SCRAM-SHA-512",
                 kafka_sasl_username="cx", kafka_sasl_password="pw")
    options = client_options(s)
    assert options["sasl_mechanism"] == "SCRAM-SHA-512" and options["sasl_plain_password"] == "pw"
    assert options["ssl_context"] is not None and "pw" not in repr(s)


def test_aiokafka_accepts_the_options_for_every_protocol() -> None:
    import asyncio

    from aiokafka import AIOKafkaProducer

    async def build(s: Settings) -> None:  # aiokafka checks protocol, mechanism and credentials here
        AIOKafkaProducer(bootstrap_servers="127.0.0.1:1", **client_options(s))

    for protocol in ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"):
        asyncio.run(build(Settings(kafka_security_protocol=protocol, kafka_sasl_username="cx",
                                   kafka_sasl_password="pw")))


def test_a_private_ca_file_is_what_tls_trusts(tmp_path: Path) -> None:
    ca = make_keystore(tmp_path).certificate  # a self-signed certificate stands in for a private CA
    context = client_options(Settings(kafka_security_protocol="SSL", kafka_ssl_cafile=ca))["ssl_context"]
    assert context.cert_store_stats()["x509"] == 1  # that file only, not the system trust store
