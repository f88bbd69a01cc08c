"""When the PostgreSQL half of the suite may be skipped: only when no server answers at all, and
never under REQUIRE_POSTGRES=1 (CI). A server that answers and refuses (a wrong password, a
missing database or role) is a failure to fix, not a reason to test less."""

from __future__ import annotations

import os
import socket

import sqlalchemy as sa

URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRED = os.environ.get("REQUIRE_POSTGRES") == "1"


def nothing_listens(url: str, timeout: float = 3) -> bool:
    """True when a connection to the URL's host and port is refused or times out."""
    parsed = sa.make_url(url)
    address = (parsed.host or "127.0.0.1", parsed.port or 5432)
    try:
        socket.create_connection(address, timeout).close()
    except (ConnectionRefusedError, TimeoutError):
        return True
    except OSError:  # an unknown host, no route: a setting to fix
        return False
    return False


def skip_reason(url: str, error: Exception, *, required: bool = REQUIRED) -> str | None:
    """Why the PostgreSQL half is skipped after `error`, or None when it must fail instead."""
    if required or not nothing_listens(url):
        return None
    return f"PostgreSQL half skipped: no server answers at {url} ({error})"
