"""Redis (when none answers on 127.0.0.1:6379) and a mail catcher for the browser suite.

Prints one JSON line with their addresses, then runs until SIGTERM, when it stops both.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from parking.local_redis import LocalRedis, free_port, reachable
from parking.mailcatcher import MailCatcher

MACHINE_REDIS = "redis://127.0.0.1:6379/0"


def main(work_dir: Path) -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    local_redis = None if reachable(MACHINE_REDIS) else LocalRedis(work_dir / "redis")
    catcher = MailCatcher(work_dir / "mail", free_port())
    try:
        redis_url = local_redis.url if local_redis else MACHINE_REDIS
        addresses = {"redis_url": redis_url, "smtp_host": catcher.host, "smtp_port": catcher.port}
        print(json.dumps(addresses), flush=True)
        signal.pause()
    finally:
        catcher.stop()
        if local_redis:
            local_redis.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
