"""Settings: every environment variable the app reads, typed and read once."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"

# The data directory (SQLite database, secret key, exports, caught mail): the same for every
# command whatever directory it starts in, e.g. ~/.local/share/parking; PARKING_VAR_DIR moves it.
VAR_DIR = platformdirs.user_data_path("parking")


def _persistent_secret_key(var_dir: Path) -> str:
    """A SECRET_KEY generated on first use and kept under VAR_DIR, so tokens survive restarts.

    The file appears whole and readable by its owner only, or not at all: it is written under a
    private temporary name and linked into place, so two processes starting at once end up
    with one key.
    """
    path = var_dir / "secret_key"
    var_dir.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        descriptor, draft = tempfile.mkstemp(dir=var_dir, prefix=".secret_key-")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(48))
            os.link(draft, path)
        except FileExistsError:
            pass  # another process linked its key first: that one is the key
        finally:
            os.unlink(draft)
    return path.read_text().strip()


class Settings(BaseSettings):
    """Configuration from the environment, falling back to a `.env` file, then to defaults.

    Keyword arguments override both (`Settings(DATABASE_URL=...)`); an empty variable counts as
    unset.
    """

    model_config = SettingsConfigDict(
        env_file=".env", env_ignore_empty=True, extra="ignore", validate_by_name=True
    )

    VAR_DIR: Path = Field(VAR_DIR, validation_alias=AliasChoices("PARKING_VAR_DIR", "VAR_DIR"))
    # Default: an SQLite file under VAR_DIR.
    DATABASE_URL: str = ""
    # Unset: redis://127.0.0.1:6379/0 for everything (`parking run` starts one there if none
    # answers); see `redis_url`.
    REDIS_URL: str | None = None
    # Default: generated once and kept under VAR_DIR.
    SECRET_KEY: str = ""
    ADMIN_EMAIL: str = "admin@parking.local"
    ADMIN_PASSWORD: str | None = None
    # No SMTP_HOST: e-mails are logged as failed ("not configured"); `parking run` sets one.
    SMTP_HOST: str | None = None
    SMTP_PORT: int = 25
    SMTP_USER: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_STARTTLS: bool = False
    MAIL_FROM: str = "Parking <no-reply@parking.local>"
    GCHAT_WEBHOOK_URL: str | None = None
    # Comma-separated in the environment.
    WEBHOOK_ALLOWED_HOSTS: Annotated[list[str], NoDecode] = ["chat.googleapis.com"]
    # Outgoing HTTPS trusts this CA bundle when set (else the system's / certifi's).
    CA_BUNDLE: str | None = Field(
        None, validation_alias=AliasChoices("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CA_BUNDLE")
    )
    # Celery queue name: lets several deployments (or test runs) share one Redis.
    CELERY_QUEUE: str = "parking"
    # Where finished CSV exports wait for download: shared by web and worker processes.
    # Default: VAR_DIR/exports.
    EXPORT_DIR: Path | None = None
    EXPORT_RETENTION_DAYS: int = 7
    MAX_ACTIVE_RESERVATIONS: int = 3
    APP_TIMEZONE: str = "Asia/Kolkata"
    CURRENCY: str = "INR"  # ISO 4217, for showing money
    REMINDER_TIME: str = "18:00"
    RESERVATION_HOLD_MINUTES: int = 30
    # Window bookings: their longest window, how far ahead they may start, and how early
    # before the start the driver may park.
    MAX_BOOKING_HOURS: int = Field(24, ge=1)
    BOOKING_HORIZON_DAYS: int = Field(30, ge=1)
    EARLY_ARRIVAL_MINUTES: int = Field(15, ge=0)
    PUBLIC_URL: str = "http://127.0.0.1:5000"
    # Where the built front end is (default: the package's static/).
    FRONT_END_DIR: Path | None = None
    # Seconds a request waits for a database lock before it answers 503.
    DATABASE_LOCK_TIMEOUT: float = 10.0
    # Longest life of a cached answer; changes replace it at once (parking/cache.py).
    CACHE_TTL_SECONDS: int = 60
    # An argon2.profiles name; the test suite picks CHEAPEST to keep sign-ups fast.
    ARGON2_PROFILE: str = "RFC_9106_LOW_MEMORY"
    ACCESS_TOKEN_MINUTES: int = 60
    LOGIN_FAILURES_PER_EMAIL: str = "5 per 15 minutes"
    LOGIN_FAILURES_PER_ADDRESS: str = "100 per 15 minutes"
    # Registrations per client address (flask-limiter's notation); over it: 429.
    REGISTRATION_RATE_LIMIT: str = "20 per hour"
    # Password-reset links: how long one works, and how many may be asked for.
    PASSWORD_RESET_MINUTES: int = Field(30, ge=1)
    PASSWORD_RESETS_PER_EMAIL: str = "5 per 15 minutes"
    PASSWORD_RESETS_PER_ADDRESS: str = "100 per 15 minutes"
    # A driver whose hold lapses in this many minutes is told (`hold_ending`).
    HOLD_WARNING_MINUTES: int = Field(10, ge=1)
    # Request bodies larger than this are refused with 413 before they are read.
    MAX_REQUEST_BYTES: int = 64 * 1024
    # The web server (parking/server.py): processes, threads in each, and the seconds a
    # client may take to send a request, or stay idle, before it is cut off.
    WEB_CONCURRENCY: int = Field(default_factory=lambda: os.cpu_count() or 1)
    WEB_THREADS: int = 8
    WEB_CLIENT_TIMEOUT: int = 5
    # Behind a reverse proxy, set to the number of proxies so rate limits see the client.
    TRUSTED_PROXIES: int = 0
    RATELIMIT_KEY_PREFIX: str = "parking"
    LOG_LEVEL: str = "INFO"
    # `text` for people, `json` for log collectors.
    LOG_FORMAT: Literal["text", "json"] = "text"

    @field_validator("WEBHOOK_ALLOWED_HOSTS", mode="before")
    @classmethod
    def _host_list(cls, value):
        if isinstance(value, str):
            value = value.split(",")
        return [host.strip().lower() for host in value if host.strip()]

    @model_validator(mode="after")
    def _defaults_under_var_dir(self):
        self.VAR_DIR = Path(self.VAR_DIR).resolve()
        if not self.DATABASE_URL:
            self.DATABASE_URL = f"sqlite:///{self.VAR_DIR / 'parking.db'}"
        if self.EXPORT_DIR is None:
            self.EXPORT_DIR = self.VAR_DIR / "exports"
        if not self.SECRET_KEY:
            self.SECRET_KEY = _persistent_secret_key(self.VAR_DIR)
        return self

    @property
    def redis_url(self) -> str:
        """The one Redis of the cache, rate limits, live events and the job queue."""
        return self.REDIS_URL or DEFAULT_REDIS_URL

    def flask_config(self) -> dict:
        """The settings in the shape Flask and its extensions read."""
        # A request waits this long for a lock, then answers 503 with Retry-After (errors.py).
        lock_ms = int(self.DATABASE_LOCK_TIMEOUT * 1000)
        engine_options: dict = {
            "pool_pre_ping": True,
            "connect_args": {"options": f"-c lock_timeout={lock_ms}"},
        }
        if self.DATABASE_URL.startswith("sqlite"):
            engine_options = {
                "connect_args": {"timeout": self.DATABASE_LOCK_TIMEOUT, "check_same_thread": False}
            }
        return {
            "SECRET_KEY": self.SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": self.database_url_for_sqlalchemy(),
            "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
            "RATELIMIT_STORAGE_URI": self.redis_url,
            "RATELIMIT_KEY_PREFIX": self.RATELIMIT_KEY_PREFIX,
            # The storage's own prefix too, so that resetting the limits (tests do, after each
            # one) clears only this app's counters, not every app's on a shared Redis.
            "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": self.RATELIMIT_KEY_PREFIX},
            # Redis unreachable: limits count in each process's memory, never not at all.
            "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
            "MAX_CONTENT_LENGTH": self.MAX_REQUEST_BYTES,
            "RATELIMIT_HEADERS_ENABLED": True,
            "JSON_SORT_KEYS": False,
        }

    def database_url_for_sqlalchemy(self) -> str:
        """PostgreSQL URLs use psycopg 3, whatever driver the URL names."""
        url = self.DATABASE_URL
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url


class TestSettings(Settings):
    """Settings from keyword arguments and defaults only: the developer's environment and `.env`
    never reach the test suite (`RESERVATION_HOLD_MINUTES=10` in a shell changes no test)."""

    __test__ = False  # a settings class, not a pytest test class

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, **_other_sources):
        return (init_settings,)
