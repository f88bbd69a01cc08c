"""`make bench`: the app under load, measured against baselines taken in the same run.

For SQLite, then PostgreSQL when one answers at 127.0.0.1:5432 (a throwaway database, dropped
afterwards): `parking init`, bulk seeding (50 lots x 100 spots, 50 of them advance spots,
10,000 drivers, 500,000 past stays, about half of every advance spot's next 7 days in upcoming
window bookings), then `parking serve` and the bare Flask app
(`bench/bare_app.py`) served the same way, and wrk on loopback in three interleaved rounds
(medians reported): health, the cached lot list and the lot list for a window, the booking
cycle of 32 drivers, their window bookings, freshness, the summaries cold and warm; then the
CSV export and the monthly report on a real `parking worker`, and 1,000 idle connections.

Writes `bench/RESULTS.md` and prints it. `BENCH_SCALE=small` is a quick run for development
(1,000 drivers, 20,000 stays, shorter measurements) that writes `var/bench/RESULTS-small.md`;
`BENCH_DATABASES=sqlite` (or `postgresql`) picks the databases. `BENCH_ONLY=window` runs only
the window scenarios and their baselines (the plain lot list, the booking cycle), skips the jobs
and idle connections, and writes `var/bench/RESULTS-<scale>-window.md`: for development, never
for bench/RESULTS.md. pytest never runs this.
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from bench import servers
from bench.scenarios import ONLY, TIMINGS, DatabaseBench, Row
from bench.seed import SCALES, seed

COLUMNS = ("scenario", "database", "figure", "baseline", "ratio", "target", "met?", "command")


def sqlalchemy_url(url: str) -> str:
    """PostgreSQL through psycopg 3, as the app connects."""
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def bench_database(database: str, scale_name: str, work: Path, only: str | None) -> list[Row]:
    scale, timing = SCALES[scale_name], TIMINGS[scale_name]
    work.mkdir(parents=True)
    with ExitStack() as stack:
        if database == "postgresql":
            url = stack.enter_context(servers.postgres_database())
        else:
            url = f"sqlite:///{work / 'bench.db'}"
        redis = stack.enter_context(servers.redis_url(work))
        sink = servers.MailSink()
        stack.callback(sink.stop)
        env = servers.app_env(work=work, database_url=url, redis=redis, smtp_port=sink.port)
        for prefix in (env["RATELIMIT_KEY_PREFIX"], env["CELERY_QUEUE"]):
            stack.callback(servers.delete_keys, redis, prefix)
        servers.init_database(env, work)

        engine = sa.create_engine(sqlalchemy_url(url))
        stack.callback(engine.dispose)
        print(
            f"[{database}] seeding {scale.reservations:,} past stays and the upcoming window "
            "bookings ...",
            flush=True,
        )
        started = time.perf_counter()
        seeded = seed(engine, scale)
        seconds = time.perf_counter() - started
        print(
            f"[{database}] seeded in {seconds:.0f} s "
            f"({seeded.window_bookings:,} upcoming window bookings)",
            flush=True,
        )
        engine.dispose()
        seeding = Row(
            f"0. Seeding {scale.lots} lots x {scale.spots_per_lot} spots "
            f"({scale.advance_spots_per_lot} advance), {scale.drivers:,} "
            f"drivers, {seeded.past_stays:,} past stays, {seeded.window_bookings:,} upcoming "
            f"window bookings (about {scale.window_share:.0%} of each advance spot's next "
            f"{scale.window_days} days)",
            database,
            f"{seconds:.1f} s",
            target="< 120 s",
            met="yes" if seconds < 120 else "**no**",
            command="SQLAlchemy Core insert() of lists of dicts, 10,000 rows a chunk; "
            "PostgreSQL COPY for the reservations; the database checks every window booking",
        )

        app = servers.app_server(env, work)
        stack.callback(app.stop)
        bare = servers.bare_server(env, work)
        stack.callback(bare.stop)
        bench = DatabaseBench(
            database=database,
            app=app,
            bare=bare,
            seeded=seeded,
            engine=engine,
            timing=timing,
            work=work,
        )
        bench.rows.append(seeding)
        steps = [("HTTP scenarios", lambda: bench.http_scenarios(only=only))]
        if not only:
            steps += [
                ("export and monthly report", lambda: bench.jobs(env, sink)),
                ("idle connections", bench.idle_connections),
            ]
        for name, step in steps:
            print(f"[{database}] {name} ...", flush=True)
            started = time.perf_counter()
            step()
            print(f"[{database}] {name}: {time.perf_counter() - started:.0f} s", flush=True)
        # In scenario order (the jobs ran before the last HTTP figures were reported).
        rows = sorted(bench.rows, key=lambda row: row.scenario.split(".")[0])
    # The logs stay for a look afterwards; the big files go.
    for path in [*work.glob("bench.db*"), *(work / "var" / "exports").glob("*")]:
        path.unlink()
    return rows


def markdown(rows: list[Row], header: list[str]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [*header, "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        values = (
            row.scenario,
            row.database,
            row.figure,
            row.baseline,
            row.ratio,
            row.target,
            row.met,
            f"`{row.command}`" if row.command else "",
        )
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=servers.REPO, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    scale_name = os.environ.get("BENCH_SCALE", "full")
    if scale_name not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {scale_name!r}")
    only = os.environ.get("BENCH_ONLY") or None
    if only is not None and only not in ONLY:
        raise SystemExit(f"BENCH_ONLY must be one of {', '.join(ONLY)}, not {only!r}")
    wanted = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    databases = ["sqlite"] if "sqlite" in wanted else []
    skipped = ""
    if "postgresql" in wanted:
        if servers.postgres_reachable():
            databases.append("postgresql")
        else:
            skipped = f"PostgreSQL skipped: nothing answers at {servers.POSTGRES_URL}."
            print(skipped)
    # 1,000 idle connections need as many file descriptors, here and in the servers.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    soft = min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    # Others' processes share the cores (the figures are slower for it): shown in the header.
    load = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="parking-bench-"))
    print(f"work directory (databases, server and worker logs): {work}")
    started = time.monotonic()
    rows: list[Row] = []
    for database in databases:
        rows += bench_database(database, scale_name, work / database, only)
    minutes = (time.monotonic() - started) / 60

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--", "parking") else ""
    header = [
        "# Benchmark results",
        "",
        f"`make bench`{' with BENCH_SCALE=' + scale_name if scale_name != 'full' else ''}"
        f"{' with BENCH_ONLY=' + only if only else ''}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git('rev-parse', '--short', 'HEAD')}"
        f"{dirty}, {os.cpu_count()} cores (load average {load:.1f} at the start), "
        f"{minutes:.1f} minutes. {skipped}",
        "",
        "Every figure is the median of 3 interleaved runs (each run in brackets) unless it says",
        "otherwise; the jobs run once. wrk runs on the same machine over loopback, so it shares",
        "the cores with the server. No worker runs during the HTTP scenarios; the receipts their",
        "releases queue are dropped before the job scenarios. The booking cycle's latency target",
        "is per request (book, park and release alike); the whole cycle's is shown beside it.",
        "Window bookings (rows 7) are booked and cancelled at once among the seeded upcoming",
        "ones (about half of each advance spot's next 7 days), so a window with no advance spot",
        "free is a 409, counted apart from 5xx. The bench's own drivers hold no seeded booking.",
        "Both lot lists are served from the Redis cache while nothing changes (rows 1 and 7,",
        "measured alike); the cold row 7 times the first request after a change.",
        "Ratios compare with a baseline measured in the same run. How each figure is measured:",
        "`bench/README.md`.",
    ]
    text = markdown(rows, header)
    if scale_name == "full" and not only:
        output = servers.REPO / "bench" / "RESULTS.md"
    else:
        suffix = f"-{only}" if only else ""
        output = servers.REPO / "var" / "bench" / f"RESULTS-{scale_name}{suffix}.md"
        output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print(text)
    print(f"written to {output}")


if __name__ == "__main__":
    main()
