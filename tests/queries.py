"""Counting the SQL statements a piece of code runs, and dropping the app's cached answers."""

from __future__ import annotations

from contextlib import contextmanager

import redis
import sqlalchemy as sa

from parking.extensions import db


@contextmanager
def counted_queries():
    """Yields a list that receives every SQL query run on the app's engine meanwhile
    (transaction control such as SQLite's BEGIN is not a query)."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def drop_cached_answers(app) -> None:
    """Forget every cached answer of this app (as after rows were changed behind its back)."""
    client = redis.Redis.from_url(app.config["REDIS_URL"])
    for key in client.scan_iter(f"{app.config['RATELIMIT_KEY_PREFIX']}:cache:*"):
        client.delete(key)
