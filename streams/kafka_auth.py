"""How cxpulse authenticates to Kafka: one place for the worker and every other client.

Example::

    settings = Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism="SCRAM-SHA-512",
                        kafka_sasl_username="cxpulse", kafka_sasl_password="...")
    faust.App(..., broker_credentials=credentials(settings))              # the worker
    AIOKafkaAdminClient(bootstrap_servers=..., **client_options(settings)) # topics, publisher, CLI

TLS verifies the brokers with the system trust store, or with the CA in
``CXPULSE_KAFKA_SSL_CAFILE`` (a private CA); SASL
mechanisms are those aiokafka supports (PLAIN, SCRAM-SHA-256/512, GSSAPI,
OAUTHBEARER). The password comes from ``CXPULSE_KAFKA_SASL_PASSWORD`` only.
"""

from __future__ import annotations

import ssl
from typing import Any

import faust

from streams.settings import Settings


def _ssl_context(s: Settings) -> ssl.SSLContext | None:
    if "SSL" not in s.kafka_security_protocol:
        return None
    return ssl.create_default_context(cafile=s.kafka_ssl_cafile)


def _password(s: Settings) -> str:
    return s.kafka_sasl_password.get_secret_value() if s.kafka_sasl_password else ""


def credentials(s: Settings) -> Any:
    """Faust's broker credentials, or None for PLAINTEXT."""
    if s.kafka_security_protocol == "PLAINTEXT":
        return None
    if s.kafka_security_protocol.startswith("SASL"):
        return faust.SASLCredentials(username=s.kafka_sasl_username, password=_password(s),
                                     mechanism=s.kafka_sasl_mechanism or "PLAIN", ssl_context=_ssl_context(s))
    return faust.SSLCredentials(_ssl_context(s))


def client_options(s: Settings) -> dict[str, Any]:
    """Keyword arguments for aiokafka producers, consumers and admin clients."""
    options: dict[str, Any] = {"security_protocol": s.kafka_security_protocol}
    if (context := _ssl_context(s)) is not None:
        options["ssl_context"] = context
    if s.kafka_security_protocol.startswith("SASL"):
        options |= {"sasl_mechanism": s.kafka_sasl_mechanism or "PLAIN",
                    "sasl_plain_username": s.kafka_sasl_username, "sasl_plain_password": _password(s)}
    return options
