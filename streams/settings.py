"""One typed settings object, read from ``CXPULSE_*`` environment variables.

Example::

    CXPULSE_KAFKA_BOOTSTRAP=127.0.0.1:19092 cxpulse worker

    from streams.settings import Settings
    settings = Settings()              # frozen; every field has an env variable
    settings.topic("chat")             # 'cx.chat'

Secrets (``ingest_token``, the DSN password) are ``SecretStr`` so they never
appear in logs or reprs. A ``.env`` file in the working directory is read too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from processors.detection.config import DetectorConfig
from processors.redaction.phones import DEFAULT_REGIONS, check_regions

KINDS = ("chat", "email", "call", "social", "survey", "case", "account")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CXPULSE_", env_file=".env", frozen=True,
                                      extra="ignore")

    # Kafka
    kafka_bootstrap: str = ""  # default: 127.0.0.1:<kafka_port>, the local stack
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: str | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None  # PEM of a private CA; default: the system trust store
    # A worker that dies (kill -9, lost host) holds its partitions this long before the group
    # moves them: Faust's default is 60 s. Heartbeats run on the event loop, not the model thread.
    kafka_session_timeout_seconds: float = Field(15.0, ge=6.0, le=300.0)
    # How long the worker's producers wait to fill a batch, and how they compress it: fewer,
    # larger produce requests cost the broker less per event (docs/performance.md).
    kafka_producer_linger_ms: int = Field(0, ge=0, le=1_000)
    kafka_producer_compression: Literal["none", "gzip"] = "none"  # lz4/zstd need cramjam, not installed
    topic_prefix: str = "cx."
    topic_partitions: int = Field(6, ge=1)
    app_id: str = "cxpulse"

    # Storage
    data_dir: Path = Path(".cxpulse")
    clickhouse_dsn: SecretStr | None = None  # default: chdb:///<data_dir>/clickhouse
    clickhouse_retry_max_seconds: float = Field(30.0, gt=0)

    # Worker
    batch_size: int = Field(512, ge=1, le=10_000)
    batch_within_seconds: float = Field(0.5, gt=0)
    agent_concurrency: int = Field(2, ge=1, le=8)  # batches in flight: one scored while one is written
    sentiment_model: str = "default"  # or a local Hugging Face / ONNX folder
    inference_threads: int | None = None
    inference_spinning: bool = False  # onnxruntime threads busy-wait between ops
    max_text_chars: int = Field(100_000, ge=1_000)

    # Personal data (docs/privacy.md)
    # Countries whose national phone formats (no + or 00) are recognised: comma list of ISO codes.
    phone_regions: Annotated[tuple[str, ...], NoDecode] = DEFAULT_REGIONS
    # Names: spaCy's entity model and the rules ("model"), or the rules alone ("rules": faster,
    # misses most names that no introduction, title or sign-off marks; docs/privacy.md).
    redact_names: Literal["model", "rules"] = "model"
    # Keyed hash for ids that are emails or phone numbers, and social handles (>= 16 characters,
    # the same on every worker); default: a random key kept in <data_dir>/pseudonym.key.
    pseudonym_key: SecretStr | None = Field(None, min_length=16)
    # cx.deadletter keeps the raw bytes of rejected input, personal data included: this long.
    deadletter_retention_days: float = Field(14.0, gt=0, le=3650)

    # CX measures
    topic_taxonomy: str = "default"  # or a path to a taxonomy YAML (processors/topics/taxonomy.yaml)
    friction_rules: str = "default"  # or a path to a rules YAML (processors/friction/rules.yaml)
    wait_sla_seconds: float = Field(300.0, gt=0)  # a call waiting longer is "long wait" friction

    # Spike detection and alerts (docs/detection.md)
    detect_enabled: bool = True
    detect_windows: Annotated[tuple[int, ...], NoDecode] = (2, 5, 15)  # minutes each test looks back (JSON list or "2,5,15")
    detect_alpha: float = Field(1e-5, gt=0, lt=0.5)  # p-value a window must beat to page
    detect_alpha_resolve: float = Field(1e-3, gt=0, lt=1)  # and must stay below until resolved
    detect_min_contacts: int = Field(10, ge=1)  # contacts a rate window needs
    detect_min_excess: int = Field(5, ge=1)  # hits beyond the baseline a window needs
    detect_pending_seconds: int = Field(10, ge=0)
    detect_resolve_seconds: int = Field(300, ge=0)
    detect_cooldown_seconds: int = Field(600, ge=0)
    detect_lateness_seconds: int = Field(120, ge=0)
    detect_warmup_minutes: int = Field(60, ge=0)
    detect_learn_clip_sd: float = Field(3.0, gt=0)  # minutes are learned at most this many sd from expected
    detect_episode_gap_seconds: int = Field(3600, ge=0)  # a burst back this soon is the same incident
    detect_level_shift_seconds: int = Field(6 * 3600, ge=600)  # a volume alert this long is a new level
    detect_drop_ratio: float = Field(4.0, gt=1)  # a drop: at most 1/this of the expected contacts
    detect_horizon_past_seconds: int = Field(2 * 86_400, ge=600)  # older minutes are ignored (counted)
    detect_horizon_future_seconds: int = Field(600, ge=0)  # ... and minutes this far in the future
    detect_account_burst: int = Field(5, ge=2)  # negative contacts from one account in an hour
    detect_snapshot_seconds: float = Field(2.0, gt=0)  # how often live minutes reach the detector
    alertmanager_url: str | None = None  # e.g. http://127.0.0.1:9093
    alert_webhook_url: SecretStr | None = None  # Slack-compatible incoming webhook
    alert_refresh_seconds: float = Field(60.0, gt=0)  # re-assert firing incidents to Alertmanager
    alert_max_age_seconds: float = Field(900.0, gt=0)  # older decisions (backfills) are stored, not paged
    board_url: str = "http://127.0.0.1:3000/d/cx-overview?from={from}&to={to}"

    # HTTP (worker web server)
    web_host: str = "127.0.0.1"
    web_port: int = Field(6066, ge=1, le=65535)
    ingest_token: SecretStr | None = None
    ingest_auth_disabled: bool = False
    ingest_max_body_bytes: int = Field(1_048_576, ge=1024)
    ingest_max_events: int = Field(1_000, ge=1)
    ingest_rate_limit: str = "50/second"  # requests per token (``limits`` notation: 50/second, 1000/minute)

    # Local stack (cxpulse stack up)
    kafka_version: str = "3.9.1"
    kafka_port: int = 9092
    kafka_controller_port: int = 9193  # not 9093: Debian's Alertmanager service listens there
    cache_dir: Path = Path.home() / ".cache" / "cxpulse"

    @field_validator("phone_regions")
    @classmethod
    def _regions_valid(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return check_regions(value)

    @field_validator("detect_windows", "phone_regions", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """"2,5,15" or "US,GB" as well as JSON '[2, 5, 15]' or '["US", "GB"]'."""
        if isinstance(value, str):
            parts = (part.strip().strip('"') for part in value.strip().strip("[]").split(","))
            return tuple(part for part in parts if part)
        return value

    @field_validator("detect_windows")
    @classmethod
    def _windows_valid(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(w < 1 or w > 60 for w in value) or len(set(value)) != len(value):
            raise ValueError("windows are distinct whole minutes from 1 to 60, e.g. 2,5,15")
        return tuple(sorted(value))

    @model_validator(mode="after")
    def _local_bootstrap(self) -> Settings:
        if not self.kafka_bootstrap:
            object.__setattr__(self, "kafka_bootstrap", f"127.0.0.1:{self.kafka_port}")
        return self

    def topic(self, kind: str) -> str:
        return f"{self.topic_prefix}{kind}"

    @property
    def kind_topics(self) -> dict[str, str]:
        return {self.topic(k): k for k in KINDS}

    @property
    def deadletter_topic(self) -> str:
        return self.topic("deadletter")

    @property
    def enriched_topic(self) -> str:
        return self.topic("enriched")

    @property
    def minutes_topic(self) -> str:
        return self.topic("minutes")

    @property
    def alerts_topic(self) -> str:
        return self.topic("alerts")

    def detector_config(self) -> DetectorConfig:
        return DetectorConfig(windows=self.detect_windows, alpha=self.detect_alpha, alpha_resolve=self.detect_alpha_resolve,
                              min_contacts=self.detect_min_contacts, min_excess=self.detect_min_excess,
                              pending_seconds=self.detect_pending_seconds,
                              resolve_seconds=self.detect_resolve_seconds,
                              cooldown_seconds=self.detect_cooldown_seconds,
                              lateness_seconds=self.detect_lateness_seconds,
                              warmup_minutes=self.detect_warmup_minutes,
                              learn_clip_sd=self.detect_learn_clip_sd,
                              episode_gap_seconds=self.detect_episode_gap_seconds,
                              level_shift_seconds=self.detect_level_shift_seconds,
                              drop_ratio=self.detect_drop_ratio,
                              horizon_past_seconds=self.detect_horizon_past_seconds,
                              horizon_future_seconds=self.detect_horizon_future_seconds,
                              account_burst=self.detect_account_burst, board_url=self.board_url)

    @property
    def dsn(self) -> str:
        if self.clickhouse_dsn is not None:
            return self.clickhouse_dsn.get_secret_value()
        return f"chdb://{(self.data_dir / 'clickhouse').resolve()}"


def settings_from(env: Mapping[str, str]) -> Settings:
    """Settings from a ``CXPULSE_*`` mapping, e.g. the environment given to a child worker."""
    values: dict[str, Any] = {k.removeprefix("CXPULSE_").lower(): v for k, v in env.items() if k.startswith("CXPULSE_")}
    return Settings(**values)


# Read by Grafana's provisioning and the compose file, not by the worker (README, configuration).
READ_BY_DEPLOYMENT = frozenset({
    "CXPULSE_CH_HOST", "CXPULSE_CH_PORT", "CXPULSE_CH_USER", "CXPULSE_CH_PASSWORD", "CXPULSE_CH_DATABASE",
    "CXPULSE_GRAFANA_URL", "CXPULSE_PROMETHEUS_URL",
})


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """``CXPULSE_*`` variables that nothing reads, each with the closest real name when there is one.

    A misspelled setting (``CXPULSE_CLICKHOUSE_DNS``) would otherwise be ignored in silence.

    >>> unknown_variables({"CXPULSE_CLICKHOUSE_DNS": "http://db:8123", "CXPULSE_WEB_PORT": "6066"})
    ['CXPULSE_CLICKHOUSE_DNS (did you mean CXPULSE_CLICKHOUSE_DSN?)']
    """
    import difflib

    known = {f"CXPULSE_{name.upper()}" for name in Settings.model_fields} | READ_BY_DEPLOYMENT
    out = []
    for name in sorted(k for k in environ if k.startswith("CXPULSE_") and k not in known):
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        out.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return out
