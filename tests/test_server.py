"""The production server (`parking serve`): worker processes, idle and slow clients, shutdown.

Real server processes and real sockets; nothing here measures speed (bench/ does).
"""

from __future__ import annotations

import signal
import socket
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
import requests

from parking.local_redis import LocalRedis
from tests import wsgi_apps
from tests.helpers import LiveServer, wait_for

# The server does not depend on the database: SQLite only.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

PARTIAL_REQUEST = b"GET /api/health HTTP/1.1\r\nHost: x\r\n"  # and then nothing


def _server(settings, work_dir: Path, **overrides) -> LiveServer:
    return LiveServer(SimpleNamespace(**{**vars(settings), **overrides}), work_dir)


@pytest.fixture(scope="module")
def patient_server(app, settings, tmp_path_factory):
    """Idle clients may wait 60 s here: long enough to be all still open during a test."""
    server = _server(settings, tmp_path_factory.mktemp("patient"), WEB_CLIENT_TIMEOUT=60)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def strict_server(app, settings, tmp_path_factory):
    server = _server(settings, tmp_path_factory.mktemp("strict"), WEB_CLIENT_TIMEOUT=2)
    yield server
    server.stop()


def _connect(server: LiveServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=30)


def _answered_or_closed(connection: socket.socket) -> bool:
    """Has the server written to, or closed, this connection? (without waiting)"""
    timeout = connection.gettimeout()
    connection.setblocking(False)
    try:
        connection.recv(1, socket.MSG_PEEK)
    except BlockingIOError:
        return False  # nothing to read, and not closed
    except OSError:
        return True
    finally:
        connection.settimeout(timeout)
    return True


def _read_until_closed(connection: socket.socket) -> bytes:
    answer = b""
    while chunk := connection.recv(4096):
        answer += chunk
    return answer


def _worker_pids(server: LiveServer) -> list[int]:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    pids = [int(pid) for pid in children.read_text().split()]
    return [pid for pid in pids if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_a_normal_client_is_answered_while_1000_idle_connections_are_open(patient_server):
    idle = [_connect(patient_server) for _ in range(1000)]
    try:
        for connection in idle:
            connection.sendall(PARTIAL_REQUEST)

        response = requests.get(f"{patient_server.url}/api/health", timeout=30)

        assert response.status_code == 200
        assert not any(_answered_or_closed(connection) for connection in idle)
    finally:
        for connection in idle:
            connection.close()


def test_a_connection_that_never_finishes_its_headers_is_closed(strict_server):
    with _connect(strict_server) as connection:
        connection.sendall(PARTIAL_REQUEST)
        assert connection.recv(100) == b""  # closed by the server, without an answer


def test_an_idle_keep_alive_connection_is_closed(strict_server):
    with _connect(strict_server) as connection:
        connection.sendall(PARTIAL_REQUEST + b"\r\n")
        answer = _read_until_closed(connection)  # the answer, then the close
    assert answer.startswith(b"HTTP/1.1 200")
    assert b'"status":"ok"' in answer


def test_a_body_trickled_too_slowly_is_answered_408(strict_server):
    with _connect(strict_server) as connection:
        connection.sendall(
            b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 60\r\n\r\n{"
        )
        for _ in range(30):  # a byte a second, far short of the 60 announced
            if _answered_or_closed(connection):
                break
            connection.sendall(b" ")
            time.sleep(1)
        answer = _read_until_closed(connection)
    assert answer.startswith(b"HTTP/1.1 408")
    assert b'"message"' in answer


def test_a_body_announced_over_the_limit_is_answered_413_at_once(strict_server):
    with _connect(strict_server) as connection:
        connection.sendall(
            b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 2097152\r\n\r\n{"
        )
        answer = _read_until_closed(connection)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"larger than" in answer


def test_the_server_runs_one_process_per_configured_worker_and_sigterm_stops_them_all(
    app, settings, tmp_path
):
    server = _server(settings, tmp_path, WEB_CONCURRENCY=2)
    try:
        workers = wait_for(lambda: len(_worker_pids(server)) == 2 and _worker_pids(server))
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=30)
        wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers))
    finally:
        server.stop()


def test_another_wsgi_app_is_served_the_same_way_and_long_answers_are_streamed_whole(
    app, settings, tmp_path
):
    work_dir = tmp_path / "elsewhere"
    work_dir.mkdir()
    (work_dir / "tests").symlink_to(Path(wsgi_apps.__file__).parent)  # `--app` imports from cwd
    server = LiveServer(settings, work_dir, app_path="tests.wsgi_apps:app")
    try:
        big = requests.get(f"{server.url}/big", timeout=30)
        assert big.content == wsgi_apps.CHUNK * wsgi_apps.BIG_CHUNKS
    finally:
        server.stop()


def test_health_reuses_pooled_redis_connections(app, settings, tmp_path):
    private_redis = LocalRedis(tmp_path / "redis")  # so that only this server's connections count
    server = _server(settings, tmp_path, REDIS_URL=private_redis.url, WEB_CONCURRENCY=1)
    try:
        for _ in range(5):  # the pool's connections are open after these
            server.request("GET", "/api/health")
        connections = redis.Redis.from_url(private_redis.url)
        before = connections.info("stats")["total_connections_received"]

        for _ in range(20):
            assert server.request("GET", "/api/health").json()["redis"] == "ok"

        assert connections.info("stats")["total_connections_received"] - before <= 1
    finally:
        server.stop()
        private_redis.stop()
