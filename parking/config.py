"""Settings: every environment variable the app reads, typed and read once."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dotenv import dotenv_values

VAR_DIR = Path(os.environ.get("PARKING_VAR_DIR", Path.cwd() / "var")).resolve()


def _as_bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _persistent_secret_key(var_dir: Path) -> str:
    """A SECRET_KEY generated on first use and kept under var/, so tokens survive restarts."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


class Settings:
    """Configuration from the environment, falling back to a `.env` file, then to defaults."""

    def __init__(self, **overrides):
        env = {**dotenv_values(Path.cwd() / ".env"), **os.environ}

        def get(name: str, default: str | None = None) -> str | None:
            value = env.get(name)
            return default if value in (None, "") else value

        self.VAR_DIR: Path = Path(get("PARKING_VAR_DIR", str(VAR_DIR))).resolve()
        self.DATABASE_URL: str = get("DATABASE_URL") or f"sqlite:///{self.VAR_DIR / 'parking.db'}"
        # None means "no Redis configured": `parking run` starts one and sets it.
        self.REDIS_URL: str | None = get("REDIS_URL")
        self.SECRET_KEY: str = get("SECRET_KEY") or ""
        self.ADMIN_EMAIL: str = get("ADMIN_EMAIL", "admin@parking.local")
        self.ADMIN_PASSWORD: str | None = get("ADMIN_PASSWORD")
        # No SMTP_HOST: e-mails are logged as failed ("not configured"); `parking run` sets one.
        self.SMTP_HOST: str | None = get("SMTP_HOST")
        self.SMTP_PORT: int = int(get("SMTP_PORT", "25"))
        self.SMTP_USER: str | None = get("SMTP_USER")
        self.SMTP_PASSWORD: str | None = get("SMTP_PASSWORD")
        self.SMTP_STARTTLS: bool = _as_bool(get("SMTP_STARTTLS"))
        self.MAIL_FROM: str = get("MAIL_FROM", "Parking <no-reply@parking.local>")
        self.GCHAT_WEBHOOK_URL: str | None = get("GCHAT_WEBHOOK_URL")
        self.WEBHOOK_ALLOWED_HOSTS: list[str] = [
            host.strip().lower()
            for host in get("WEBHOOK_ALLOWED_HOSTS", "chat.googleapis.com").split(",")
            if host.strip()
        ]
        # Outgoing HTTPS trusts this CA bundle when set (else the system's / certifi's).
        self.CA_BUNDLE: str | None = get("SSL_CERT_FILE") or get("REQUESTS_CA_BUNDLE")
        # Celery queue name: lets several deployments (or test runs) share one Redis.
        self.CELERY_QUEUE: str = get("CELERY_QUEUE", "parking")
        # Where finished CSV exports wait for download: shared by web and worker processes.
        self.EXPORT_DIR: Path | None = Path(get("EXPORT_DIR")) if get("EXPORT_DIR") else None
        self.EXPORT_RETENTION_DAYS: int = int(get("EXPORT_RETENTION_DAYS", "7"))
        self.MAX_ACTIVE_RESERVATIONS: int = int(get("MAX_ACTIVE_RESERVATIONS", "3"))
        self.APP_TIMEZONE: str = get("APP_TIMEZONE", "Asia/Kolkata")
        self.CURRENCY: str = get("CURRENCY", "INR")  # ISO 4217, for showing money
        self.REMINDER_TIME: str = get("REMINDER_TIME", "18:00")
        self.RESERVATION_HOLD_MINUTES: int = int(get("RESERVATION_HOLD_MINUTES", "30"))
        self.PUBLIC_URL: str = get("PUBLIC_URL", "http://127.0.0.1:5000")
        # Seconds a request waits for a database lock before it answers 503.
        self.DATABASE_LOCK_TIMEOUT: float = float(get("DATABASE_LOCK_TIMEOUT", "10"))
        # Longest life of a cached answer; changes replace it at once (parking/cache.py).
        self.CACHE_TTL_SECONDS: int = int(get("CACHE_TTL_SECONDS", "60"))
        # An argon2.profiles name; the test suite picks CHEAPEST to keep sign-ups fast.
        self.ARGON2_PROFILE: str = get("ARGON2_PROFILE", "RFC_9106_LOW_MEMORY")
        self.ACCESS_TOKEN_MINUTES: int = int(get("ACCESS_TOKEN_MINUTES", "60"))
        self.LOGIN_FAILURES_PER_EMAIL: str = get("LOGIN_FAILURES_PER_EMAIL", "5 per 15 minutes")
        self.LOGIN_FAILURES_PER_ADDRESS: str = get(
            "LOGIN_FAILURES_PER_ADDRESS", "100 per 15 minutes"
        )
        # The web server (parking/server.py): processes, threads in each, and the seconds a
        # client may take to send a request, or stay idle, before it is cut off.
        self.WEB_CONCURRENCY: int = int(get("WEB_CONCURRENCY", str(os.cpu_count() or 1)))
        self.WEB_THREADS: int = int(get("WEB_THREADS", "8"))
        self.WEB_CLIENT_TIMEOUT: int = int(get("WEB_CLIENT_TIMEOUT", "5"))
        # Behind a reverse proxy, set to the number of proxies so rate limits see the client.
        self.TRUSTED_PROXIES: int = int(get("TRUSTED_PROXIES", "0"))
        self.RATELIMIT_KEY_PREFIX: str = get("RATELIMIT_KEY_PREFIX", "parking")
        for name, value in overrides.items():
            setattr(self, name, value)
        if self.EXPORT_DIR is None:
            self.EXPORT_DIR = Path(self.VAR_DIR) / "exports"
        if not self.SECRET_KEY:
            self.SECRET_KEY = _persistent_secret_key(self.VAR_DIR)

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
            "RATELIMIT_STORAGE_URI": self.REDIS_URL or "memory://",
            "RATELIMIT_KEY_PREFIX": self.RATELIMIT_KEY_PREFIX,
            # The storage's own prefix too, so that resetting the limits (tests do, after each
            # one) clears only this app's counters, not every app's on a shared Redis.
            "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": self.RATELIMIT_KEY_PREFIX},
            "RATELIMIT_SWALLOW_ERRORS": True,
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
