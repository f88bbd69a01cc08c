"""Load from wrk (a C load generator, light on the two cores it shares with the server).

Dependent request sequences (book -> park -> release) are wrk Lua scripts in `bench/lua/`;
every script prints one JSON line that `wrk()` reads back.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("lua")


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: dict[str, int]
    counters: dict[str, int]
    samples: dict[str, list[float]]
    command: str

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def failed(self) -> int:
        """Connection errors, timeouts and answers outside 2xx/3xx."""
        return sum(self.errors.values())


def wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    threads: int = 1,
    script: str = "report.lua",
    token: str | None = None,
    env: dict[str, str] | None = None,
) -> WrkResult:
    """Run wrk against `url`; `command` is how to repeat it (with the token left out)."""
    options = [f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout=60s"]
    options += ["-s", str(LUA / script)]
    headers = ["-H", f"Authorization: Bearer {token}"] if token else []
    shown = ["-H", "Authorization: Bearer $TOKEN"] if token else []
    finished = subprocess.run(
        ["wrk", *options, *headers, url],
        env=os.environ | {"BENCH_LUA": str(LUA)} | (env or {}),
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    lines = [line for line in finished.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    if finished.returncode != 0 or not lines:
        raise RuntimeError(
            f"wrk failed ({finished.returncode}):\n{finished.stdout}\n{finished.stderr}"
        )
    figures = json.loads(lines[-1].removeprefix("BENCH_JSON "))
    return WrkResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=figures["errors"],
        counters=figures["counters"],
        samples=figures["samples"],
        command=shlex.join(["wrk", *options, *shown, url]).replace(str(LUA) + "/", "bench/lua/"),
    )
