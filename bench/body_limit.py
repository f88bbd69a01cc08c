"""A 20 MB JSON body to POST /api/auth/login (no login needed): how long the refusal takes and
what it costs the server process in memory. Run: .venv/bin/python bench/body_limit.py

Before the body limit (issue 8, item 1) the body was parsed for 2.7 s and the process grew from
131 MB to 513 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

PARKING = str(Path(sys.executable).with_name("parking"))
PORT = 5099


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        env = os.environ | {
            "PARKING_VAR_DIR": work,
            "WEB_CONCURRENCY": "1",
            "RATELIMIT_KEY_PREFIX": f"body-limit-{os.getpid()}",
        }
        subprocess.run([PARKING, "init"], env=env, check=True, capture_output=True)
        server = subprocess.Popen(
            [PARKING, "serve", "--port", str(PORT)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _measure(psutil.Process(server.pid))
        finally:
            server.terminate()
            server.wait()


def _measure(process: psutil.Process) -> None:
    url = f"http://127.0.0.1:{PORT}"
    for _ in range(150):
        try:
            requests.get(f"{url}/api/health", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)

    def rss_mb() -> float:
        tree = [process, *process.children(recursive=True)]
        return sum(p.memory_info().rss for p in tree) / 2**20

    body = b"[" + b"1," * (10 * 1024 * 1024) + b"1]"
    before = rss_mb()
    started = time.perf_counter()
    response = requests.post(
        f"{url}/api/auth/login", data=body, headers={"Content-Type": "application/json"}
    )
    took_ms = (time.perf_counter() - started) * 1000
    print(
        f"{len(body) / 2**20:.1f} MB body -> {response.status_code} "
        f"({response.json()['message']}) in {took_ms:.0f} ms; "
        f"server RSS {before:.0f} MB -> {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
