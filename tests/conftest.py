"""Shared fixtures: the app on each database, a real Redis, clients, signed-in users, live servers.

Every test that uses `app` runs twice: on SQLite and on PostgreSQL. PostgreSQL is
127.0.0.1:5432 (or TEST_POSTGRES_URL); when no server answers, that half is skipped and says why
(tests/postgres.py), unless REQUIRE_POSTGRES=1; any other connection error fails it.
Redis is 127.0.0.1:6379 when it answers, otherwise a private redis-server the session starts.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
import redis
import sqlalchemy as sa
import trustme
from flask_migrate import upgrade

from parking import MIGRATIONS_DIR, create_app
from parking.config import TestSettings
from parking.extensions import db, limiter
from parking.local_redis import LocalRedis, reachable
from tests import postgres
from tests.helpers import Api, LiveServer, LiveWorker
from tests.queries import drop_cached_answers
from tests.servers import MailSink, WebhookSink

POSTGRES_URL = postgres.URL
MACHINE_REDIS = "redis://127.0.0.1:6379/0"
ADMIN_EMAIL = "admin@parking.test"
ADMIN_PASSWORD = "admin-password-1"


def pytest_report_header(config):
    redis_line = (
        f"redis: {MACHINE_REDIS}"
        if reachable(MACHINE_REDIS)
        else "redis: none on 127.0.0.1:6379, the tests start the bundled redis-server"
    )
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
        postgres_line = f"postgresql: {POSTGRES_URL}"
    except psycopg.OperationalError as error:
        reason = postgres.skip_reason(POSTGRES_URL, error)
        postgres_line = f"postgresql: {reason or f'FAILS at {POSTGRES_URL}: {error}'}"
    return [redis_line, postgres_line]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    if reachable(MACHINE_REDIS):
        yield MACHINE_REDIS
        return
    server = LocalRedis(tmp_path_factory.mktemp("redis"))
    print(f"\nNo Redis on 127.0.0.1:6379; started the bundled redis-server at {server.url}")
    yield server.url
    server.stop()


def _postgres_database():
    """Create a throwaway database on the PostgreSQL server; yields its URL, drops it after."""
    name = f"parking_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        reason = postgres.skip_reason(POSTGRES_URL, error)
        if reason is None:
            required = " (REQUIRE_POSTGRES=1)" if postgres.REQUIRED else ""
            pytest.fail(f"PostgreSQL at {POSTGRES_URL}{required}: {error}", pytrace=False)
        pytest.skip(reason=reason)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = sa.make_url(POSTGRES_URL)
    yield base.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'parking.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture(scope="session")
def certificate_authority(tmp_path_factory):
    """A private CA; the app trusts it through SSL_CERT_FILE, as an operator's proxy CA would be."""
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    ca.path = path
    return ca


@pytest.fixture(scope="session")
def mail_sink():
    sink = MailSink()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def webhook_sink(certificate_authority):
    sink = WebhookSink(certificate_authority)
    yield sink
    sink.stop()


@pytest.fixture
def mailbox(mail_sink):
    """The SMTP server's messages, emptied before the test."""
    mail_sink.clear()
    return mail_sink


@pytest.fixture
def webhooks(webhook_sink):
    """The webhook server's requests, emptied before the test."""
    webhook_sink.clear()
    yield webhook_sink
    webhook_sink.clear()


@pytest.fixture(scope="session")
def settings(
    database_url, redis_url, mail_sink, webhook_sink, certificate_authority, tmp_path_factory
) -> TestSettings:
    var_dir = tmp_path_factory.mktemp("var")
    return TestSettings(
        SMTP_HOST=mail_sink.host,
        SMTP_PORT=mail_sink.port,
        MAIL_FROM="Parking <parking@example.com>",
        GCHAT_WEBHOOK_URL=webhook_sink.url("/admins-space"),
        WEBHOOK_ALLOWED_HOSTS=["chat.googleapis.com", "127.0.0.1"],
        CA_BUNDLE=str(certificate_authority.path),
        # A queue of its own, so no other worker on this Redis takes this run's jobs.
        CELERY_QUEUE=f"parking-test-{uuid.uuid4().hex[:8]}",
        EXPORT_DIR=var_dir / "exports",
        PUBLIC_URL="http://parking.test",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY="test-secret-key-that-is-long-enough-for-hs256",
        ADMIN_EMAIL=ADMIN_EMAIL,
        ADMIN_PASSWORD=ADMIN_PASSWORD,
        VAR_DIR=var_dir,
        RATELIMIT_KEY_PREFIX=f"parking-test-{uuid.uuid4().hex[:8]}",
        # Real Argon2 with the lightest parameters: accounts are made by the hundred here.
        ARGON2_PROFILE="CHEAPEST",
        # ... all from 127.0.0.1; the limit itself is tested with its own low setting.
        REGISTRATION_RATE_LIMIT="100000 per hour",
    )


@pytest.fixture(scope="session")
def app(settings):
    """The app on a migrated database (the real Alembic migrations) with the admin account."""
    from parking.auth.service import ensure_admin

    app = create_app(settings)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        ensure_admin(email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    yield app
    with app.app_context():
        db.engine.dispose()


def _empty_tables(app) -> None:
    """Delete every row except the admin account, children before parents."""
    with app.app_context():
        # Jobs a test queued but no worker took must not run during a later test.
        app.extensions["celery"].control.purge()
        limiter.reset()
        drop_cached_answers(app)  # the rows go behind the app's back
        for attempt in range(5):
            try:
                for table in reversed(db.metadata.sorted_tables):
                    statement = table.delete()
                    if table.name == "users":
                        statement = statement.where(table.c.role != "admin")
                    db.session.execute(statement)
                db.session.commit()
                return
            except sa.exc.IntegrityError:
                # A job still running on the worker (a receipt, say) added a row meanwhile.
                db.session.rollback()
                time.sleep(0.2 * (attempt + 1))
        raise RuntimeError("could not empty the tables")


@pytest.fixture
def clean_app(app):
    """The app, left as it was found: every row a test adds is deleted after it."""
    yield app
    _empty_tables(app)


@pytest.fixture
def app_context(clean_app):
    with clean_app.app_context():
        yield clean_app


@pytest.fixture
def client(clean_app):
    return clean_app.test_client()


@pytest.fixture
def api(client) -> Api:
    """Calls through the Flask test client, with helpers to sign in and make lots."""
    return Api(client, admin_email=ADMIN_EMAIL, admin_password=ADMIN_PASSWORD)


@pytest.fixture
def admin(api):
    return api.admin()


@pytest.fixture
def driver(api):
    return api.new_driver()


@pytest.fixture
def other_driver(api):
    return api.new_driver()


@pytest.fixture(scope="session")
def live_server(app, settings, tmp_path_factory):
    """`parking serve` in its own process, on the same database and Redis as `app`."""
    # A queue no worker reads: fuzzing queues many jobs that must not run during other tests.
    unread_queue = SimpleNamespace(
        **{**vars(settings), "CELERY_QUEUE": f"{settings.CELERY_QUEUE}-live"}
    )
    server = LiveServer(unread_queue, Path(tmp_path_factory.mktemp("server")))
    yield server
    server.stop()
    queues = redis.Redis.from_url(settings.REDIS_URL)
    for key in queues.scan_iter(f"{unread_queue.CELERY_QUEUE}*"):
        queues.delete(key)


@pytest.fixture(scope="session")
def live_worker(app, settings, tmp_path_factory):
    """`parking worker` in its own process, on the same database, Redis, SMTP and webhooks."""
    worker = LiveWorker(settings, Path(tmp_path_factory.mktemp("worker")))
    yield worker
    worker.stop()


@pytest.fixture
def worker(live_worker, clean_app):
    """The live worker, with the tables emptied after the test."""
    return live_worker


@pytest.fixture
def server_without_redis(clean_app, settings, tmp_path):
    """`parking serve` on the same database, with its Redis (and so its job queue) unreachable."""
    unreachable = SimpleNamespace(**{**vars(settings), "REDIS_URL": "redis://127.0.0.1:1/0"})
    server = LiveServer(unreachable, tmp_path)
    yield server
    server.stop()


@pytest.fixture
def live(live_server, clean_app):
    """The live server, with the tables emptied after the test."""
    return live_server
