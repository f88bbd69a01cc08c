"""200 open `GET /api/events` streams: does the server hold them, and how much API throughput is
left beside them? Baseline: the same requests on the same server with no stream open.

    .venv/bin/python -m bench.sse_streams [--streams 200] [--seconds 10] [--rounds 3]

`parking serve` with its defaults (one process per core) on SQLite, 50 lots; the streams are
asyncio connections of this process, wrk (16 connections) loads `GET /api/health` and the lot
list, rounds without and with the streams interleave (medians). Then a lot is created and every
stream must receive its event. Other work on the machine moves these figures. pytest never
runs this.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from bench import servers
from bench.load import wrk
from bench.scenarios import Session
from bench.server_capacity import prepare


class Streams:
    """`count` event streams held open by an event loop in a thread of this process."""

    def __init__(self, port: int, token: str, count: int):
        self.port, self.token, self.count = port, token, count
        self.open = 0
        self.events: list[tuple[float, dict]] = []
        self.loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._main = asyncio.run_coroutine_threadsafe(self._hold_all(), self.loop)
        if not self._started.wait(60):
            raise RuntimeError("the streams did not open within 60 s")

    async def _hold_all(self) -> None:
        tasks = [asyncio.create_task(self._hold()) for _ in range(self.count)]
        while self.open + sum(task.done() for task in tasks) < self.count:
            await asyncio.sleep(0.05)
        self._started.set()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _hold(self) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        request = f"GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {self.token}\r\n"
        writer.write(request.encode() + b"\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head.decode(errors="replace"))
        self.open += 1
        try:
            while line := await reader.readline():
                if line.startswith(b"data:"):
                    self.events.append((time.perf_counter(), json.loads(line[5:])))
        finally:
            self.open -= 1
            writer.close()

    def close(self) -> None:
        for task in asyncio.all_tasks(self.loop):
            self.loop.call_soon_threadsafe(task.cancel)
        time.sleep(0.5)
        self.loop.call_soon_threadsafe(self.loop.stop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sse-streams-")))
        env = servers.app_env(
            work=work,
            database_url=f"sqlite:///{work / 'parking.db'}",
            redis=stack.enter_context(servers.redis_url(work)),
            smtp_port=servers.free_port(),
        )
        servers.init_database(env, work)
        server = servers.app_server(env, work)
        stack.callback(server.stop)
        token = prepare(server)
        rates: dict[tuple[str, bool], list[float]] = {}
        streams = None
        for round_number in range(1, options.rounds + 1):
            for with_streams in (False, True):
                if with_streams:
                    streams = Streams(server.port, token, options.streams)
                for path in ("/api/health", "/api/lots"):
                    result = wrk(
                        server.url + path, connections=16, seconds=options.seconds, token=token
                    )
                    rates.setdefault((path, with_streams), []).append(result.rate)
                if with_streams:
                    held = streams.open
                    if round_number < options.rounds:  # the last stays for the event
                        streams.close()
        print(f"| figure | no stream open | {options.streams} streams open | ratio |")
        print("|---|---|---|---|")
        for path in ("/api/health", "/api/lots"):
            alone, beside = (statistics.median(rates[(path, s)]) for s in (False, True))
            print(f"| GET {path} req/s | {alone:.0f} | {beside:.0f} | {beside / alone:.2f} |")
        print(f"\nStreams still open after the last load round: {held} of {options.streams}")
        _report_delivery(server, streams)
        streams.close()


def _report_delivery(server, streams: Streams) -> None:
    """Create a lot and wait for its event on every open stream."""
    session = Session(server)
    admin = session.login(servers.ADMIN_EMAIL, servers.ADMIN_PASSWORD)
    open_now = streams.open
    started = time.perf_counter()
    lot = {
        "name": "Event lot",
        "address": "1 Event Road",
        "pincode": "560001",
        "price_per_hour": "40.00",
        "total_spots": 10,
    }
    lot_id = session.call("POST", "/api/lots", admin, json=lot).json()["id"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        arrivals = [at for at, event in streams.events if event.get("lot_id") == lot_id]
        if len(arrivals) >= open_now:
            break
        time.sleep(0.05)
    print(
        f"Lot created: its event reached {len(arrivals)} of {open_now} open streams, the last "
        f"{(max(arrivals) - started) * 1000:.0f} ms after the request was sent"
        if arrivals
        else f"Lot created: no stream of {open_now} received its event"
    )


if __name__ == "__main__":
    main()
