"""The measurements of one database, against one running app server and its bare baseline."""

from __future__ import annotations

import selectors
import socket
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
import sqlalchemy as sa

from bench.load import WrkResult, wrk
from bench.seed import (
    DRIVER_PASSWORD,
    UNBOOKED_DRIVERS,
    Seeded,
    double_bookings,
    window_bookings,
    window_overlaps,
)
from bench.servers import ADMIN_EMAIL, ADMIN_PASSWORD, MailSink, Server, Worker, delete_keys
from parking.db import UTCDateTime

DRIVERS = 32
GET_CONNECTIONS = 16
IDLE_CONNECTIONS = 1000
ZONE = ZoneInfo("Asia/Kolkata")  # APP_TIMEZONE of the bench's servers
# The HTTP measurements, in the order each round runs them. `BENCH_ONLY=window` runs only the
# window scenarios and the baselines they are compared with (for development).
HTTP_MEASUREMENTS = (
    "health",
    "lots_cold",
    "lots",
    "window_lots",
    "bare",
    "cycle",
    "window",
    "fresh",
    "cold",
    "admin",
    "me",
)
ONLY = {"window": ("lots_cold", "lots", "window_lots", "cycle", "window")}
# The cycle/window/freshness drivers, the summaries' driver and the lot lists' cold booker: none
# may hold a seeded window booking (MAX_ACTIVE_RESERVATIONS would refuse their bookings).
assert DRIVERS + 2 <= UNBOOKED_DRIVERS


@dataclass(frozen=True)
class Timing:
    """How long each measurement runs, and how long a job may take before it is cut off."""

    get_seconds: float
    cycle_seconds: float
    job_timeout: float
    probe_timeout: float


TIMINGS = {
    "full": Timing(get_seconds=4, cycle_seconds=8, job_timeout=60, probe_timeout=10),
    "small": Timing(get_seconds=2, cycle_seconds=4, job_timeout=30, probe_timeout=5),
}


@dataclass
class Row:
    scenario: str
    database: str
    figure: str
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: str = "—"
    command: str = ""


def median(values):
    return statistics.median(values)


def runs(values, unit: str = "", digits: int = 0) -> str:
    """A median with every run beside it: `412 req/s (398, 412, 430)`."""
    shown = ", ".join(f"{v:.{digits}f}" for v in values)
    return f"{median(values):.{digits}f}{unit} ({shown})"


def verdict(met: bool) -> str:
    return "yes" if met else "**no**"


class Session:
    """Signed-in clients of one app server."""

    def __init__(self, server: Server):
        self.url = server.url
        self.http = requests.Session()

    def call(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.http.request(method, self.url + path, headers=headers, timeout=120, **kwargs)

    def login(self, email: str, password: str) -> str:
        answer = self.call("POST", "/api/auth/login", json={"email": email, "password": password})
        answer.raise_for_status()
        return answer.json()["access_token"]


def timed(call: Callable[[], requests.Response]) -> float:
    """Seconds one request takes; it must succeed."""
    started = time.perf_counter()
    answer = call()
    elapsed = time.perf_counter() - started
    answer.raise_for_status()
    return elapsed


class DatabaseBench:
    """Every scenario on one database; `rows` collects the results table's lines."""

    def __init__(
        self,
        *,
        database: str,
        app: Server,
        bare: Server,
        seeded: Seeded,
        engine: sa.Engine,
        timing: Timing,
        work: Path,
    ):
        self.database = database
        self.app, self.bare, self.seeded = app, bare, seeded
        self.engine, self.timing, self.work = engine, timing, work
        self.rows: list[Row] = []
        self.client = Session(app)
        self.admin = self.client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        emails = seeded.driver_emails
        self.drivers = [self.client.login(email, DRIVER_PASSWORD) for email in emails[:DRIVERS]]
        # A driver with a seeded history who books nothing else: the summaries' subject.
        self.summary_driver = self.client.login(emails[DRIVERS], DRIVER_PASSWORD)
        # Books and cancels before each cold lot list, so that the next read is computed.
        self.list_driver = self.client.login(emails[DRIVERS + 1], DRIVER_PASSWORD)
        # The cycle books in a random lot each time (the file's lot is not used).
        self.cycle_drivers = self._drivers_file("cycle", "CY", lambda n: seeded.lot_ids[0])
        # Freshness: driver n books only in lot n, so nobody else changes what it reads.
        self.fresh_drivers = self._drivers_file("fresh", "FR", lambda n: seeded.lot_ids[n])
        # Window bookings go to a random lot each time, as the cycle's do.
        self.window_drivers = self._drivers_file("window", "WB", lambda n: seeded.lot_ids[0])
        # The window lot list's fixed window: tomorrow 09:00-11:30 in APP_TIMEZONE.
        tomorrow = datetime.now(ZONE).date() + timedelta(days=1)
        starts = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 0, tzinfo=ZONE)
        self.window_query = "starts_at={}&ends_at={}".format(
            *(t.isoformat().replace("+", "%2B") for t in (starts, starts + timedelta(hours=2.5)))
        )

    def row(self, scenario: str, figure: str, **fields) -> None:
        self.rows.append(Row(scenario, self.database, figure, **fields))

    def _drivers_file(self, name: str, prefix: str, lot_for: Callable[[int], int]) -> Path:
        path = self.work / f"{name}-drivers.txt"
        lines = [f"{token} {prefix}{n:04d} {lot_for(n)}" for n, token in enumerate(self.drivers)]
        path.write_text("\n".join(lines) + "\n")
        return path

    # --- HTTP scenarios, three interleaved rounds --------------------------------------------

    def http_scenarios(self, rounds: int = 3, only: str | None = None) -> None:
        measures = {
            "health": lambda: self._get(self.app, "/api/health"),
            "lots": lambda: self._get(self.app, "/api/lots", self.drivers[0]),
            "window_lots": lambda: self._get(
                self.app, f"/api/lots?{self.window_query}", self.drivers[0]
            ),
            "lots_cold": self._cold_lot_lists,
            "bare": lambda: self._get(self.bare, "/api/health"),
            "cycle": self._cycles,
            "window": self._window_bookings,
            "fresh": self._freshness,
            "cold": self._cold_summaries,
            "admin": lambda: self._get(self.app, "/api/admin/summary", self.admin),
            "me": lambda: self._get(self.app, "/api/me/summary", self.summary_driver),
        }
        names = ONLY[only] if only else HTTP_MEASUREMENTS
        results: dict[str, list] = {}
        for _ in range(rounds):
            for name in names:
                results.setdefault(name, []).append(measures[name]())
        if not only:
            self._report_http(results)
        self._report_windows(results)

    def _get(self, server: Server, path: str, token: str | None = None) -> WrkResult:
        return wrk(
            server.url + path,
            connections=GET_CONNECTIONS,
            seconds=self.timing.get_seconds,
            token=token,
        )

    def _cycles(self) -> WrkResult:
        result = wrk(
            self.app.url,
            threads=DRIVERS,
            connections=DRIVERS,
            seconds=self.timing.cycle_seconds,
            script="cycle.lua",
            env={
                "BENCH_DRIVERS": str(self.cycle_drivers),
                "BENCH_LOT_IDS": ",".join(map(str, self.seeded.lot_ids)),
            },
        )
        self._end_active_reservations()
        return result

    def _window_bookings(self) -> WrkResult:
        result = wrk(
            self.app.url,
            threads=DRIVERS,
            connections=DRIVERS,
            seconds=self.timing.cycle_seconds,
            script="window.lua",
            env={
                "BENCH_DRIVERS": str(self.window_drivers),
                "BENCH_LOT_IDS": ",".join(map(str, self.seeded.lot_ids)),
            },
        )
        self._end_active_reservations()
        return result

    def _freshness(self) -> WrkResult:
        result = wrk(
            self.app.url,
            threads=DRIVERS,
            connections=DRIVERS,
            seconds=self.timing.get_seconds,
            script="freshness.lua",
            env={"BENCH_DRIVERS": str(self.fresh_drivers)},
        )
        self._end_active_reservations()
        return result

    def _end_active_reservations(self) -> None:
        """Cancel or release, as the operator, what wrk left half-way when its time was up.

        wrk stops mid-cycle; the server still finishes the requests it had, so this waits for a
        quiet pass (nothing left to end) after the server answers again. The seeded upcoming
        window bookings (ids up to `last_reservation_id`, booked before the run, so listed after
        the run's bookings, newest first) stay: later runs must find the same week.
        """
        timed(lambda: self.client.call("GET", "/api/health"))
        quiet_passes = 0
        while quiet_passes < 2:
            ended = 0
            for status, action in (("reserved", "cancel"), ("occupied", "release")):
                page = self.client.call(
                    "GET", f"/api/reservations?status={status}&per_page=200", self.admin
                )
                page.raise_for_status()
                for reservation in page.json()["items"]:
                    if reservation["id"] <= self.seeded.last_reservation_id:
                        continue
                    path = f"/api/reservations/{reservation['id']}/{action}"
                    self.client.call("POST", path, self.admin)
                    ended += 1
            quiet_passes = quiet_passes + 1 if ended == 0 else 0
            time.sleep(0.5)

    def _cold_summaries(self) -> dict[str, float]:
        """Latency of each summary's first request after a change that touches both."""
        driver = self.summary_driver
        body = {"lot_id": self.seeded.lot_ids[-1], "vehicle_number": "COLD0001"}
        booked = self.client.call("POST", "/api/reservations", driver, json=body)
        booked.raise_for_status()
        cancel = f"/api/reservations/{booked.json()['id']}/cancel"
        self.client.call("POST", cancel, driver).raise_for_status()
        return {
            "admin": timed(lambda: self.client.call("GET", "/api/admin/summary", self.admin)),
            "me": timed(lambda: self.client.call("GET", "/api/me/summary", driver)),
        }

    def _cold_lot_lists(self) -> dict[str, float]:
        """Latency of the first `GET /api/lots`, and of the first for the fixed window, after a
        booking and its cancel (which make every cached lot list out of date). It runs while
        the server is idle (after health, or after a scenario's clean-up), and leaves both
        answers cached for the wrk runs that follow it."""
        driver = self.list_driver
        body = {"lot_id": self.seeded.lot_ids[-2], "vehicle_number": "COLD0002"}
        booked = self.client.call("POST", "/api/reservations", driver, json=body)
        booked.raise_for_status()
        cancel = f"/api/reservations/{booked.json()['id']}/cancel"
        self.client.call("POST", cancel, driver).raise_for_status()
        # One change makes both answers out of date; each is computed by its first request.
        paths = {"lots": "/api/lots", "window_lots": f"/api/lots?{self.window_query}"}
        return {
            name: timed(lambda path=path: self.client.call("GET", path, self.drivers[0]))
            for name, path in paths.items()
        }

    def _report_http(self, results: dict[str, list]) -> None:
        rate = {name: [r.rate for r in results[name]] for name in ("health", "lots", "bare")}
        health, lots, bare = (median(rate[name]) for name in ("health", "lots", "bare"))
        health_share, lots_share = health / bare, lots / health
        self.row(
            "1. `GET /api/health` vs the bare Flask app",
            runs(rate["health"], " req/s"),
            baseline=runs(rate["bare"], " req/s"),
            ratio=f"{health_share:.0%}",
            target=">= 70%",
            met=verdict(health_share >= 0.7),
            command=results["bare"][0].command + " ; " + results["health"][0].command,
        )
        self.row(
            "1. `GET /api/lots` (cached) vs `GET /api/health`",
            runs(rate["lots"], " req/s") + self._failures(results["lots"]),
            baseline=f"{health:.0f} req/s",
            ratio=f"{lots_share:.0%}",
            target=">= 60%",
            met=verdict(lots_share >= 0.6),
            command=results["lots"][0].command,
        )

        cycles = results["cycle"]
        per_second = [r.counters["cycles"] / r.seconds for r in cycles]
        p50 = median([r.p50_ms for r in cycles])
        p99 = median([r.p99_ms for r in cycles])
        unexpected = sum(r.counters["unexpected"] for r in cycles)
        self.row(
            f"2. Booking cycle (book, park, release), {DRIVERS} drivers: cycles/s",
            runs(per_second, "/s", 1) + self._failures(cycles, unexpected),
            target=">= 150/s",
            met=verdict(median(per_second) >= 150),
            command=cycles[0].command,
        )
        self.row(
            "2. Booking cycle: request latency p50 / p99",
            f"{p50:.0f} ms / {p99:.0f} ms (p99 runs: "
            + ", ".join(f"{r.p99_ms:.0f}" for r in cycles)
            + ")",
            target="p99 < 150 ms",
            met=verdict(p99 < 150),
            command=cycles[0].command,
        )
        cycle_ms = [ms for r in cycles for ms in r.samples["cycle_ms"]]
        if len(cycle_ms) >= 2:
            percentiles = statistics.quantiles(cycle_ms, n=100)
            figure = f"{percentiles[49]:.0f} ms / {percentiles[98]:.0f} ms"
        else:
            figure = f"only {len(cycle_ms)} cycles finished"
        self.row(
            "2. Booking cycle: whole-cycle latency p50 / p99 (all runs' cycles)",
            figure,
            command=cycles[0].command,
        )
        overlapping = double_bookings(self.engine)
        self.row(
            "2. Double bookings: stays on a spot that overlap an active one",
            f"{overlapping} (all {self._reservation_count():,} reservations checked)",
            target="0",
            met=verdict(overlapping == 0),
            command="SQL window over reservations per spot: reserved_at < max(earlier ends)",
        )

        for name, path, target in (
            ("admin", "/api/admin/summary", 500),
            ("me", "/api/me/summary", None),
        ):
            label = f"`GET {path}`"
            warm = [r.rate for r in results[name]]
            cold = [c[name] * 1000 for c in results["cold"]]
            self.row(
                f"3. {label} warm",
                runs(warm, " req/s") + self._failures(results[name]),
                baseline=f"{health:.0f} req/s (health)",
                ratio=f"{median(warm) / health:.0%}",
                target=f">= {target} req/s" if target else "—",
                met=verdict(median(warm) >= target) if target else "—",
                command=results[name][0].command,
            )
            self.row(
                f"3. {label} cold (first request after a booking and its cancel)",
                runs(cold, " ms"),
                target="< 200 ms" if name == "admin" else "—",
                met=verdict(median(cold) < 200) if name == "admin" else "—",
                command=f"curl {self.app.url}{path}",
            )

        fresh = results["fresh"]
        reads = sum(r.counters["reads"] for r in fresh)
        stale = sum(r.counters["stale"] for r in fresh)
        self.row(
            "5. Stale reads: `GET /api/lots` right after the client's own booking or cancel",
            f"{stale} of {reads:,} reads"
            + self._failures(fresh, sum(r.counters["unexpected"] for r in fresh)),
            target="0",
            met=verdict(stale == 0 and reads > 0),
            command=fresh[0].command,
        )

    def _report_windows(self, results: dict[str, list]) -> None:
        """Rows 7: window bookings beside the drive-up cycle's bookings, the window lot list
        beside the plain one, and the overlap check."""
        cycles, windows = results["cycle"], results["window"]
        drive_up = median([r.counters["cycles"] / r.seconds for r in cycles])
        per_second = [r.counters["booked"] / r.seconds for r in windows]
        share = median(per_second) / drive_up if drive_up else 0.0
        command = windows[0].command
        self.row(
            f"7. Window bookings (book a random window in the next 7 days, about half of each "
            f"advance spot's week already booked; cancel), "
            f"{DRIVERS} drivers: window bookings/s (201s) vs drive-up bookings/s",
            runs(per_second, "/s", 1) + self._failures(windows),
            baseline=f"{drive_up:.1f}/s drive-up bookings (= cycles/s of row 2: one booking each)",
            ratio=f"{share:.0%}",
            target=">= 50%",
            met=verdict(share >= 0.5),
            command=command,
        )
        self.row(
            "7. Window bookings: request latency p50 / p99 (book and cancel alike)",
            f"{median([r.p50_ms for r in windows]):.0f} ms / "
            f"{median([r.p99_ms for r in windows]):.0f} ms (p99 runs: "
            + ", ".join(f"{r.p99_ms:.0f}" for r in windows)
            + ")",
            baseline=f"{median([r.p50_ms for r in cycles]):.0f} ms / "
            f"{median([r.p99_ms for r in cycles]):.0f} ms drive-up cycle (row 2)",
            command=command,
        )
        booked = sum(r.counters["booked"] for r in windows)
        conflicts = sum(r.counters["conflicts"] for r in windows)
        server_errors = sum(r.counters["server_errors"] for r in windows)
        unexpected = sum(r.counters["unexpected"] for r in windows)
        asked = booked + conflicts  # other answers are in `unexpected`
        self.row(
            "7. Window bookings: answers other than 201 (book) / 200 (cancel), all runs",
            f"{server_errors} 5xx; {conflicts} of {asked:,} bookings 409 (no advance spot "
            f"free); {unexpected - server_errors} other",
            target="0 5xx",
            met=verdict(server_errors == 0 and booked > 0),
            command=command,
        )
        overlapping = window_overlaps(self.engine)
        self.row(
            "7. Overlapping window bookings: two on a spot, windows overlapping, both active",
            f"{overlapping} (all {window_bookings(self.engine):,} window bookings checked, "
            f"{self.seeded.window_bookings:,} of them seeded)",
            target="0",
            met=verdict(overlapping == 0),
            command="SQL self-join of window bookings per spot: [starts_at, ends_at) and "
            "[reserved_at, cancelled_at or left_at) both overlap",
        )
        lots = median([r.rate for r in results["lots"]])
        window_lots = [r.rate for r in results["window_lots"]]
        # No request of the plain list may finish within a run (every run starts cold).
        list_share = median(window_lots) / lots if lots else None
        self.row(
            "7. `GET /api/lots?starts_at=&ends_at=` (tomorrow 09:00-11:30) vs `GET /api/lots`",
            runs(window_lots, " req/s") + self._failures(results["window_lots"]),
            baseline=runs([r.rate for r in results["lots"]], " req/s"),
            ratio=f"{list_share:.0%}" if list_share is not None else "—",
            target=">= 60%",
            met=verdict(list_share >= 0.6) if list_share is not None else "—",
            command=results["window_lots"][0].command,
        )
        cold = {
            name: [c[name] * 1000 for c in results["lots_cold"]] for name in ("lots", "window_lots")
        }
        self.row(
            "7. `GET /api/lots?starts_at=&ends_at=` cold vs `GET /api/lots` cold (first request "
            "after a booking and its cancel)",
            runs(cold["window_lots"], " ms"),
            baseline=runs(cold["lots"], " ms"),
            ratio=f"{median(cold['window_lots']) / median(cold['lots']):.2f}x",
            command=f"curl {self.app.url}/api/lots?{self.window_query} ; "
            f"curl {self.app.url}/api/lots",
        )

    @staticmethod
    def _failures(results: list[WrkResult], unexpected: int = 0) -> str:
        failed = sum(r.failed for r in results)
        if not failed and not unexpected:
            return ""
        errors = {}
        for result in results:
            for kind, count in result.errors.items():
                errors[kind] = errors.get(kind, 0) + count
        shown = ", ".join(f"{kind} {count}" for kind, count in errors.items() if count)
        parts = [shown] if shown else []
        if unexpected:
            parts.append(f"{unexpected} unexpected answers")
        return " [" + "; ".join(parts) + "]"

    def _reservation_count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(sa.text("SELECT count(*) FROM reservations"))

    # --- background jobs, on a real worker ---------------------------------------------------

    def jobs(self, env: dict, sink: MailSink) -> None:
        # The receipts the booking cycles queued would keep the worker busy for minutes.
        delete_keys(env["REDIS_URL"], env["CELERY_QUEUE"])
        worker = Worker(env, self.work)
        try:
            self._export(worker)
            self._monthly_report(sink)
        finally:
            worker.stop()

    def _wait(self, done: Callable[[], bool]) -> float | None:
        """Seconds until `done()`, or None when the job timeout passes first."""
        started = time.perf_counter()
        while time.perf_counter() - started < self.timing.job_timeout:
            if done():
                return time.perf_counter() - started
            time.sleep(0.2)
        return None

    def _export(self, worker: Worker) -> None:
        idle_peak = worker.pool_peak_mib()
        rows = self._reservation_count()
        started = time.perf_counter()
        queued = self.client.call("POST", "/api/exports", self.admin)
        queued.raise_for_status()
        path = f"/api/exports/{queued.json()['id']}"
        status: dict = {}

        def finished() -> bool:
            status.update(self.client.call("GET", path, self.admin).json())
            if status["status"] == "failed":
                raise RuntimeError(f"the export failed: {status['error']}")
            return status["status"] == "done"

        seconds = self._wait(finished)
        peak = worker.pool_peak_mib()
        command = "POST /api/exports as the admin; poll GET /api/exports/{id} until done"
        if seconds is None:
            elapsed = time.perf_counter() - started
            figure = f"> {elapsed:.0f} s (cut off at {status.get('row_count') or 0:,} rows)"
        else:
            figure = f"{seconds:.1f} s"
        self.row(
            f"4. CSV export of every reservation ({rows:,} rows): seconds",
            figure,
            target="< 30 s",
            met=verdict(seconds is not None and seconds < 30),
            command=command,
        )
        self.row(
            "4. CSV export: worker pool process peak memory (VmHWM)",
            f"{peak:.0f} MB",
            baseline=f"{idle_peak:.0f} MB before the export",
            ratio=f"{peak / idle_peak:.2f}x",
            target="< 200 MB",
            met=verdict(peak < 200),
            command="max VmHWM in /proc/<pid>/status of the parking worker pool processes",
        )

    def _monthly_report(self, sink: MailSink) -> None:
        month, drivers = self._last_month_drivers()
        expected = drivers + 1  # and the operator report to the one admin
        sink.count = 0
        started = time.perf_counter()
        self.client.call(
            "POST", "/api/admin/jobs/monthly-report", self.admin, json={"month": month}
        ).raise_for_status()
        seconds = self._wait(lambda: sink.count >= expected)
        if seconds is None:
            elapsed = time.perf_counter() - started
            pace = elapsed / sink.count * expected if sink.count else float("inf")
            figure = (
                f"> {elapsed:.0f} s (cut off: {sink.count:,} of {expected:,} e-mails sent; "
                f"at that pace {pace:.0f} s)"
            )
        else:
            figure = f"{seconds:.1f} s ({expected:,} e-mails)"
        self.row(
            f"4. Monthly report job for {month}, {drivers:,} drivers: seconds",
            figure,
            target="< 60 s",
            met=verdict(seconds is not None and seconds < 60),
            command="POST /api/admin/jobs/monthly-report on a real parking worker; "
            "e-mails counted by an aiosmtpd sink in the bench process",
        )

    def _last_month_drivers(self) -> tuple[str, int]:
        """Last month in APP_TIMEZONE, and how many drivers booked in it."""
        zone = ZoneInfo("Asia/Kolkata")
        this_month = datetime.now(zone).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        start = (this_month - timedelta(days=1)).replace(day=1)
        query = sa.text(
            "SELECT count(DISTINCT user_id) FROM reservations "
            "WHERE reserved_at >= :start AND reserved_at < :end"
        ).bindparams(
            sa.bindparam("start", start, type_=UTCDateTime),
            sa.bindparam("end", this_month, type_=UTCDateTime),
        )
        with self.engine.connect() as connection:
            return start.strftime("%Y-%m"), connection.scalar(query)

    # --- idle connections --------------------------------------------------------------------

    def idle_connections(self) -> None:
        """`/api/health` latency for a normal client while 1,000 idle connections are open."""
        without = [self._probe() for _ in range(3)]
        with _idle_sockets(self.app.port, IDLE_CONNECTIONS) as opened:
            during = [self._probe() for _ in range(3)]
        timeout = self.timing.probe_timeout

        def shown(seconds: float | None) -> str:
            return f"> {timeout:g} s (timed out)" if seconds is None else f"{seconds * 1000:.0f} ms"

        # A probe that timed out counts as the slowest.
        middle = median([s if s is not None else float("inf") for s in during])
        self.row(
            f"6. `GET /api/health` with {opened:,} idle connections open",
            f"{shown(None if middle == float('inf') else middle)} "
            f"({', '.join(shown(s) for s in during)})",
            baseline=f"{', '.join(shown(s) for s in without)} without them",
            target="< 1 s",
            met=verdict(middle < 1),
            command=f"{IDLE_CONNECTIONS} sockets send 'GET /api/health HTTP/1.1\\r\\n"
            f"Host: x\\r\\n' and then nothing; "
            f"then curl --max-time {timeout:g} {self.app.url}/api/health",
        )

    def _probe(self) -> float | None:
        started = time.perf_counter()
        try:
            requests.get(f"{self.app.url}/api/health", timeout=self.timing.probe_timeout)
        except requests.RequestException:
            return None
        return time.perf_counter() - started


@contextmanager
def _idle_sockets(port: int, count: int):
    """Open `count` connections that each send an unfinished request and then say nothing;
    yields how many got that far (a server that stops accepting leaves some unconnected)."""
    selector = selectors.DefaultSelector()
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("127.0.0.1", port))
            selector.register(sock, selectors.EVENT_WRITE)
            sockets.append(sock)
        opened, deadline = 0, time.monotonic() + 10
        while opened < count and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.5):
                selector.unregister(key.fileobj)
                try:
                    key.fileobj.send(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
                    opened += 1
                except OSError:
                    pass
        yield opened
    finally:
        selector.close()
        for sock in sockets:
            sock.close()
