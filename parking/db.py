"""Declarative base and column types shared by every model."""

from __future__ import annotations

import contextvars
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so Alembic migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The largest id an INTEGER key holds on every database (PostgreSQL's is 32-bit). A larger id
# names nothing; checking it up front keeps it from overflowing the driver (a 500).
MAX_ID = 2**31 - 1


class Base(orm.DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every backend and always hands back aware UTC datetimes.

    SQLite has no time zone type, so storing naive UTC everywhere keeps both databases alike.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class TimestampMixin:
    created_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, default=utcnow)


@sa.event.listens_for(sa.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys, WAL for concurrent readers, wait rather than fail when busy."""
    import sqlite3

    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin) instead of pysqlite's implicit one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# True inside a unit of work that writes (`extensions.transactional`).
writing = contextvars.ContextVar("writing", default=False)


@sa.event.listens_for(sa.Engine, "begin")
def _sqlite_begin(conn):
    """SQLite: a unit of work that writes takes the write lock when it starts; reads never do.

    A deferred transaction that reads and then writes fails with "database is locked" when another
    writer got in between; BEGIN IMMEDIATE makes a writer wait its turn instead (for at most
    DATABASE_LOCK_TIMEOUT).
    Readers use a plain BEGIN: in WAL mode they see a snapshot and wait for nobody.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing.get() else "BEGIN")
