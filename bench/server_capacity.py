"""The web server's capacity: 1 worker process against 2, and a normal client's latency while
1,000 idle or 120 slow connections are open. The figures behind parking/server.py's defaults.

    .venv/bin/python -m bench.server_capacity [--seconds 10] [--rounds 3] [--threads 8]

On SQLite with 50 lots of 100 spots: wrk (16 connections) on `GET /api/health` and on the lot
list, with WEB_CONCURRENCY=1 and =2 in interleaved rounds (medians), then the idle and slow
clients against the 2-worker server. Other work on the machine moves these figures: repeat a
noisy run. pytest never runs this.
"""

from __future__ import annotations

import argparse
import selectors
import shlex
import socket
import statistics
import tempfile
import time
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import requests

from bench import servers
from bench.load import wrk
from bench.scenarios import Session

PARTIAL_REQUEST = b"GET /api/health HTTP/1.1\r\nHost: x\r\n"
SLOW_BODY_HEAD = (
    b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100\r\n\r\n{"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, help="WEB_THREADS (default: the app's)")
    parser.add_argument(
        "--serve",
        metavar="COMMAND",
        help="another server to measure the same way, e.g. 'python other.py --port {port}' "
        "(it reads WEB_CONCURRENCY and WEB_THREADS from its environment)",
    )
    options = parser.parse_args()
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="server-capacity-")))
        env = servers.app_env(
            work=work,
            database_url=f"sqlite:///{work / 'parking.db'}",
            redis=stack.enter_context(servers.redis_url(work)),
            smtp_port=servers.free_port(),
        )
        if options.threads:
            env["WEB_THREADS"] = str(options.threads)
        servers.init_database(env, work)
        rates: dict[tuple[int, str], list[float]] = {}
        for _ in range(options.rounds):
            for workers in (1, 2):
                server = _start(options.serve, env | {"WEB_CONCURRENCY": str(workers)}, work)
                try:
                    token = prepare(server)
                    for path, auth in (("/api/health", None), ("/api/lots", token)):
                        result = wrk(
                            server.url + path, connections=16, seconds=options.seconds, token=auth
                        )
                        rates.setdefault((workers, path), []).append(result.rate)
                finally:
                    server.stop()
        print("| figure | 1 worker | 2 workers | ratio |\n|---|---|---|---|")
        for path in ("/api/health", "/api/lots"):
            one, two = (statistics.median(rates[(n, path)]) for n in (1, 2))
            print(
                f"| GET {path} req/s (median of {options.rounds}) | {one:.0f} | {two:.0f} "
                f"| {two / one:.2f} |"
            )
        server = _start(options.serve, env | {"WEB_CONCURRENCY": "2"}, work)
        try:
            _report_clients(server)
        finally:
            server.stop()


def _start(command: str | None, env: dict, work: Path) -> servers.Server:
    if command is None:
        return servers.app_server(env, work)
    return servers.Server(
        "server", lambda port: shlex.split(command.format(port=port)), env, work, work
    )


def prepare(server) -> str:
    """50 lots of 100 spots (once per database), and a driver's token."""
    session = Session(server)
    admin = session.login(servers.ADMIN_EMAIL, servers.ADMIN_PASSWORD)
    existing = len(session.call("GET", "/api/lots", admin).json())
    for n in range(existing, 50):
        lot = {
            "name": f"Lot {n}",
            "address": f"{n} Main Road",
            "pincode": "560001",
            "price_per_hour": "40.00",
            "total_spots": 100,
        }
        session.call("POST", "/api/lots", admin, json=lot).raise_for_status()
    email = f"capacity-{time.monotonic_ns()}@example.com"
    body = {"email": email, "password": "driver-password", "full_name": "Capacity"}
    session.call("POST", "/api/auth/register", json=body).raise_for_status()
    return session.login(email, "driver-password")


def _report_clients(server) -> None:
    baseline = _latencies(server.url)
    print(
        f"\nGET /api/health, 20 requests on new connections, median / max ms:\n"
        f"- nothing else open: {_ms(baseline)}"
    )
    with _open(server.port, 1000, PARTIAL_REQUEST) as idle:
        print(f"- with {len(idle)} idle connections open: {_ms(_latencies(server.url))}")
        time.sleep(7)  # past WEB_CLIENT_TIMEOUT (5 s)
        print(f"  idle connections still open 7 s later: {sum(map(_is_open, idle))}")
    with _open(server.port, 120, SLOW_BODY_HEAD) as slow:
        samples = []
        for _ in range(3):  # a byte a second from each slow client, probing meanwhile
            for sock in slow:
                with suppress(OSError):
                    sock.send(b" ")
            samples += _latencies(server.url, count=7)
            time.sleep(1)
        print(f"- with {len(slow)} clients trickling a body a byte a second: {_ms(samples)}")
        time.sleep(4)
        answers = [_answer(sock) for sock in slow]
        print(
            f"  slow clients answered 408 after WEB_CLIENT_TIMEOUT: "
            f"{sum(a.startswith(b'HTTP/1.1 408') for a in answers)} of {len(slow)}"
        )


def _latencies(url: str, count: int = 20) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        requests.get(f"{url}/api/health", timeout=300).raise_for_status()
        samples.append(time.perf_counter() - started)
    return samples


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} / {max(samples) * 1000:.1f}"


@contextmanager
def _open(port: int, count: int, first_bytes: bytes):
    """`count` connected sockets that have sent `first_bytes` and then nothing."""
    selector = selectors.DefaultSelector()
    pending = []
    for _ in range(count):
        sock = socket.socket()
        sock.setblocking(False)
        sock.connect_ex(("127.0.0.1", port))
        selector.register(sock, selectors.EVENT_WRITE)
        pending.append(sock)
    ready, deadline = [], time.monotonic() + 10
    while len(ready) < count and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=0.5):
            selector.unregister(key.fileobj)
            try:
                key.fileobj.send(first_bytes)
                ready.append(key.fileobj)
            except OSError:
                pass
    selector.close()
    try:
        yield ready
    finally:
        for sock in pending:
            sock.close()


def _is_open(sock: socket.socket) -> bool:
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def _answer(sock: socket.socket) -> bytes:
    try:
        return sock.recv(200)
    except OSError:
        return b""


if __name__ == "__main__":
    main()
