"""Service configuration, read once from environment variables (and an optional `.env`)."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ocr.types import Engine


class Settings(BaseSettings):
    """Every knob of the service. Defaults run everything embedded on one machine."""

    model_config = SettingsConfigDict(env_prefix="MEISHI_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path("data")
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "MEISHI_DATABASE_URL"),
        description="SQLAlchemy URL; default is a SQLite file in the data directory.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs access tokens and web sessions; generated into the data directory when unset.",
    )
    access_token_minutes: int = 60 * 24
    follow_up_days: int = Field(default=2, ge=0, le=365)
    max_upload_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 40_000_000
    ocr_workers: int = Field(default=2, ge=1)
    ocr_queue_limit: int = Field(default=8, ge=1, description="Sync scans waiting beyond this get 503.")
    ocr_lang: str = "auto"  # English, plus the accent language of the card's country (ocr/languages.py)
    ocr_engine: Engine = Field(
        default="auto", description="auto: Tesseract, plus RapidOCR where Tesseract's reading is weak."
    )
    default_region: str = "US"
    queue_url: str | None = Field(default=None, description="redis://... hands scans to RQ workers.")
    queue_name: str = Field(default="meishi-scans", description="RQ queue the API and workers share.")
    max_request_bytes: int = Field(
        default=100 * 1024 * 1024, description="Whole multipart/JSON upload (a batch of photos)."
    )
    scan_lease_seconds: int = Field(
        default=60, ge=1, description="A scan whose reader stops renewing its lease this long is re-run."
    )
    sync_wait_seconds: float = Field(
        default=60.0, gt=0, description="How long a synchronous upload waits for its reading before 202."
    )
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_prefix: str = ""
    cors_origins: list[str] = Field(default_factory=list)
    sign_in_limit: str = Field(
        default="10/15minutes",
        description="Failed sign-ins allowed per account and client in a moving window (5x that per client "
        "over all accounts), in the `limits` library's notation; then 429 until the window frees.",
    )
    rate_limit_url: str | None = Field(
        default=None,
        description="Where failed sign-ins are counted: memory:// (this process) or redis://... (shared by "
        "API processes on several machines). Default: queue_url when set, else memory://.",
    )
    api_key_rate_limit: str = Field(
        default="600/minute", description="Requests allowed per API key (`limits` notation); then 429."
    )
    user_rate_limit: str = Field(
        default="1200/minute",
        description="Requests allowed per user over all their keys and sessions (`limits` notation).",
    )
    sync_retention_days: int = Field(
        default=90, ge=1, description="Sync changes kept this long; older cursors answer 410 (full resync)."
    )
    cookie_secure: bool = False
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto are believed ('*' trusts everyone: only when nothing else can reach the port). "
        "Sign-in limits count per client address, so behind a proxy this must name it.",
    )
    log_format: Literal["json", "text"] = Field(
        default="json", description="`meishi serve`/`worker` logs: one JSON object a line, or plain text."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    metrics_enabled: bool = Field(default=True, description="Serve GET /metrics (Prometheus text format).")
    metrics_token: str | None = Field(
        default=None, description="When set, GET /metrics needs `Authorization: Bearer <token>`."
    )
    worker_metrics_port: int | None = Field(
        default=None, ge=1, le=65535, description="`meishi worker` serves its own /metrics on this port."
    )
    webhooks_allow_private: bool = Field(
        default=False,
        description="Let webhooks go to loopback/private/link-local addresses (SSRF guard off; tests, LANs).",
    )
    webhooks_timeout_seconds: float = Field(
        default=5.0, gt=0, description="Connect, send and each read of one webhook request."
    )
    webhooks_workers: int = Field(default=4, ge=1, description="Embedded mode: deliveries sent at once.")
    webhooks_sweep_seconds: float = Field(
        default=5.0, gt=0, description="How often due (and retried) deliveries are looked for."
    )
    webhooks_followup_check_seconds: float = Field(
        default=300.0, gt=0, description="How often follow-ups falling due today are turned into events."
    )
    webhooks_retry_base_seconds: float = Field(
        default=30.0, gt=0, description="Delay before the first retry; it doubles after each failure."
    )
    webhooks_retry_max_delay_seconds: float = Field(default=2 * 3600.0, gt=0)
    webhooks_retry_window_seconds: float = Field(
        default=24 * 3600.0, gt=0, description="A delivery is retried at least this long, then given up."
    )
    webhooks_disable_after_failures: int = Field(
        default=100,
        ge=1,
        description="Consecutive failed attempts (over all deliveries) that disable an endpoint.",
    )
    webhooks_log_days: int = Field(
        default=30, ge=1, description="Finished deliveries (and their attempts) are kept this long."
    )
    webhooks_disable_after_seconds: float = Field(
        default=24 * 3600.0, gt=0, description="An endpoint failing every attempt this long is disabled."
    )

    @field_validator("sign_in_limit", "api_key_rate_limit", "user_rate_limit")
    @classmethod
    def _a_rate_limit(cls, value: str) -> str:
        from limits import parse

        parse(value)  # raises ValueError for what `limits` cannot read
        return value

    @property
    def resolved_rate_limit_url(self) -> str:
        return self.rate_limit_url or self.queue_url or "memory://"

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'meishi.db').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> str:
        """The configured key, else one generated once and kept beside the data (never a fixed default)."""
        if self.secret_key:
            return self.secret_key
        key_file = self.data_dir / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.touch(mode=0o600)
        key_file.write_text(key)
        return key


def load_settings() -> Settings:
    return Settings()
