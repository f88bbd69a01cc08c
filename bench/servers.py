"""What a bench run starts and stops: databases, Redis, servers, the worker, an SMTP sink."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psutil
import psycopg
import redis
import requests
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from parking.local_redis import LocalRedis, free_port, reachable

REPO = Path(__file__).resolve().parents[1]
PARKING = str(Path(sys.executable).with_name("parking"))
MACHINE_REDIS = "redis://127.0.0.1:6379/0"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
ADMIN_EMAIL = "admin@bench.example"
ADMIN_PASSWORD = "bench-admin-password"


def postgres_reachable() -> bool:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


@contextmanager
def postgres_database():
    """A throwaway database on the PostgreSQL server: yields its URL, drops it afterwards."""
    name = f"parking_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield sa.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def redis_url(work: Path):
    """The machine's Redis when one answers on 127.0.0.1:6379, else the bundled redis-server."""
    if reachable(MACHINE_REDIS):
        yield MACHINE_REDIS
        return
    server = LocalRedis(work / "redis")
    try:
        yield server.url
    finally:
        server.stop()


def delete_keys(url: str, prefix: str) -> None:
    """Drop this run's keys (its rate-limit counters, its job queue) from a shared Redis."""
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def app_env(*, work: Path, database_url: str, redis: str, smtp_port: int) -> dict[str, str]:
    """Settings for every `parking` process of one run: its own var dir, keys and queue."""
    run = uuid.uuid4().hex[:8]
    unlimited = "1000000 per minute"
    return os.environ | {
        "PARKING_VAR_DIR": str(work / "var"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis,
        "SECRET_KEY": f"bench-{uuid.uuid4().hex}{uuid.uuid4().hex}",
        "ADMIN_EMAIL": ADMIN_EMAIL,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "RATELIMIT_KEY_PREFIX": f"parking-bench-{run}",
        "CELERY_QUEUE": f"parking-bench-{run}",
        # Many drivers sign in from one address here; the limits are for attackers.
        "LOGIN_FAILURES_PER_EMAIL": unlimited,
        "LOGIN_FAILURES_PER_ADDRESS": unlimited,
        "REGISTRATION_RATE_LIMIT": unlimited,
        "ARGON2_PROFILE": "CHEAPEST",
        "APP_TIMEZONE": "Asia/Kolkata",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "MAIL_FROM": "Parking bench <bench@parking.local>",
        "EXPORT_DIR": str(work / "var" / "exports"),
    }


class Child:
    """A process of the run, its output in a log file under the work directory."""

    def __init__(self, name: str, argv: list[str], env: dict, cwd: Path, work: Path):
        self.name = name
        self.log_path = work / f"{name}.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited:\n{self.log_path.read_text()[-3000:]}")

    def stop(self, stop_signal: int = signal.SIGTERM) -> None:
        # The whole tree: a server or worker may have forked processes of its own.
        children = psutil.Process(self.pid).children(recursive=True)
        self.process.send_signal(stop_signal)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for child in children:
            if child.is_running():
                child.kill()
        self._log.close()


class Server(Child):
    """A web server process; `url` is where it answers."""

    def __init__(self, name: str, argv_for_port, env: dict, cwd: Path, work: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__(name, argv_for_port(self.port), env, cwd, work)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                if requests.get(f"{self.url}/api/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{name} did not answer within 60 s; see {self.log_path}")


def init_database(env: dict, work: Path) -> None:
    subprocess.run([PARKING, "init"], env=env, cwd=work, check=True, capture_output=True, text=True)


def app_server(env: dict, work: Path) -> Server:
    """`parking serve`, with its default server settings."""
    return Server(
        "app-server",
        lambda port: [PARKING, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env,
        work,
        work,
    )


def bare_server(env: dict, work: Path) -> Server:
    """`bench/bare_app.py` served by `parking serve` with the same server and settings."""
    return Server(
        "bare-server",
        lambda port: (
            [PARKING, "serve", "--app", "bench.bare_app:app", "--host", "127.0.0.1"]
            + ["--port", str(port)]
        ),
        env | {"PYTHONPATH": str(REPO)},
        work,
        work,
    )


class Worker(Child):
    """`parking worker`, as the app runs it, once Celery says it is ready."""

    def __init__(self, env: dict, work: Path):
        super().__init__("worker", [PARKING, "worker"], env, work, work)
        deadline = time.monotonic() + 60
        while " ready." not in self.log_path.read_text():
            self.check_alive()
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the worker did not start; see {self.log_path}")
            time.sleep(0.2)

    def stop(self) -> None:
        # Cold shutdown: a report job cut off by the bench would otherwise run to its end.
        super().stop(signal.SIGQUIT)

    def pool_peak_mib(self) -> float:
        """The highest peak resident memory (VmHWM) among the pool processes that run tasks."""
        return max(_peak_kib(child.pid) for child in psutil.Process(self.pid).children()) / 1024


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


class MailSink:
    """An SMTP server on loopback that counts the messages it accepts (and keeps nothing)."""

    def __init__(self):
        self.count = 0
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.count += 1
        return "250 Message accepted for delivery"

    def stop(self) -> None:
        self._controller.stop()
