"""The `parking` command: init, serve, worker, run. Works from any directory."""

from __future__ import annotations

import os

import click

from parking import MIGRATIONS_DIR, create_app
from parking.config import Settings

DEFAULT_LOCAL_REDIS = "redis://127.0.0.1:6379/0"


@click.group()
def main() -> None:
    """Parking: vehicle parking management."""


def init_database(settings: Settings) -> None:
    from flask_migrate import upgrade

    from parking.auth.service import ensure_admin

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    app = create_app(settings)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        admin, generated = ensure_admin(
            email=settings.ADMIN_EMAIL, password=settings.ADMIN_PASSWORD
        )
        click.echo(f"Database ready; admin account: {admin.email}")
        if generated:
            click.echo(
                f"Generated admin password (shown once, set ADMIN_PASSWORD to choose): {generated}"
            )


@main.command()
def init() -> None:
    """Create or migrate the database and make sure the admin account exists."""
    init_database(Settings())


def serve_app(settings: Settings, host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    click.echo(f"Serving on http://{host}:{port} (API docs at /api/docs)")
    waitress_serve(create_app(settings), host=host, port=port, threads=threads, ident="parking")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the API and the built front end with a production WSGI server (waitress)."""
    serve_app(Settings(), host, port, threads)


def worker_argv(settings: Settings, *, beat: bool, concurrency: int) -> list[str]:
    argv = ["worker", "--loglevel=INFO", f"--concurrency={concurrency}"]
    argv += ["--queues", settings.CELERY_QUEUE]
    if beat:
        argv += ["--beat"]
    return argv


@main.command()
@click.option("--beat", is_flag=True, help="Also run the periodic job scheduler (run one only).")
@click.option("--concurrency", default=2, show_default=True, type=int)
def worker(beat: bool, concurrency: int) -> None:
    """Run the background job worker (Celery on the Redis broker)."""
    settings = Settings()
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    celery = create_app(settings).extensions["celery"]
    celery.worker_main(worker_argv(settings, beat=beat, concurrency=concurrency))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def run(host: str, port: int) -> None:
    """Everything for local use: a Redis if none is configured, then init and the web server."""
    from parking.local_redis import LocalRedis, reachable

    settings = Settings()
    local_redis = None
    if settings.REDIS_URL is None:
        if reachable(DEFAULT_LOCAL_REDIS):
            settings.REDIS_URL = DEFAULT_LOCAL_REDIS
        else:
            local_redis = LocalRedis(settings.VAR_DIR / "redis")
            settings.REDIS_URL = local_redis.url
            click.echo(f"Started a local Redis at {local_redis.url}")
        os.environ["REDIS_URL"] = settings.REDIS_URL  # for child processes
    try:
        init_database(settings)
        serve_app(settings, host, port, threads=8)
    finally:
        if local_redis is not None:
            local_redis.stop()
