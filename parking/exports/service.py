"""CSV exports of reservations: queue one, write it in the background, fetch it, clean up."""

from __future__ import annotations

import csv
import logging
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from parking.auth.models import User
from parking.db import utcnow
from parking.exports.csv import row as csv_row
from parking.exports.errors import ExportFailed, ExportNotFound, ExportNotReady
from parking.exports.models import DONE, FAILED, QUEUED, RUNNING, Export
from parking.extensions import db, transactional
from parking.notifications.models import EXPORT_READY
from parking.notifications.service import notify_user
from parking.queue import QueueUnavailable, enqueue
from parking.reservations.holds import current_status
from parking.reservations.models import Lot, Reservation

log = logging.getLogger(__name__)

RUN_EXPORT = "parking.run_export"
# Rows fetched per round trip, and how often the progress (`row_count`) is saved.
BATCH_ROWS = 1000
READY_SUBJECT = "Your parking history export is ready"


def new_file_name(export_id: int) -> str:
    """A name no other export, of this installation or another sharing EXPORT_DIR, can have:
    the id, for people reading the directory, and 128 random bits, so nobody can guess it."""
    return f"export-{export_id}-{secrets.token_urlsafe(16)}.csv"


def _directory() -> Path:
    return Path(current_app.config["EXPORT_DIR"])


def _path(export: Export) -> Path | None:
    """The file the row names; only ever that one (None before a run has named one)."""
    return _directory() / export.file_name if export.file_name else None


def _remove(name: str) -> None:
    """Delete the file `name` and the temporary files of runs that were writing it."""
    directory = _directory()
    for path in [directory / name, *directory.glob(f"{name}.*.tmp")]:
        path.unlink(missing_ok=True)


# --- requests from the API ------------------------------------------------------------------


@transactional
def _add(user: User) -> Export:
    export = Export(user_id=user.id, all_reservations=user.is_admin, status=QUEUED)
    db.session.add(export)
    return export


@transactional
def _discard(export_id: int) -> None:
    db.session.execute(sa.delete(Export).where(Export.id == export_id))


def create(*, user: User) -> Export:
    """Queue a CSV export of the user's reservations (an admin's: everyone's)."""
    # Committed before it is queued: a worker taking the job at once must find the row.
    export = _add(user)
    try:
        enqueue(RUN_EXPORT, export.id)
    except QueueUnavailable:
        _discard(export.id)  # nothing would ever run it
        raise
    return export


def get(*, user: User, export_id: int) -> Export:
    """An export the user requested (anyone else's is not found, admins' included)."""
    export = db.session.get(Export, export_id)
    if export is None or export.user_id != user.id:
        raise ExportNotFound()
    return export


def get_file(*, user: User, export_id: int) -> Path:
    """The finished CSV file of an export the user requested."""
    export = get(user=user, export_id=export_id)
    if export.status == FAILED:
        raise ExportFailed()
    if export.status != DONE:
        raise ExportNotReady(f"The export is not ready yet ({export.status})")
    path = _path(export)
    if path is None or not path.is_file():
        raise ExportNotFound("The export file is no longer available; request a new export")
    return path


# --- the background job ---------------------------------------------------------------------


def _rows_query(export: Export) -> sa.Select:
    query = (
        sa.select(
            Reservation.id.label("reservation_id"),
            Lot.name.label("lot_name"),
            Reservation.spot_number,
            Reservation.vehicle_number,
            current_status().label("status"),  # an expired hold reads cancelled, as everywhere
            Reservation.reserved_at,
            Reservation.parked_at,
            Reservation.left_at,
            Reservation.duration_minutes,
            Reservation.price_per_hour,
            Reservation.cost,
            Reservation.remarks,
        )
        .join(Lot, Lot.id == Reservation.lot_id)
        .order_by(Reservation.id)
    )
    if export.all_reservations:
        query = query.join(User, User.id == Reservation.user_id).add_columns(
            User.email.label("user_email"), User.full_name.label("user_name")
        )
    else:
        query = query.where(Reservation.user_id == export.user_id)
    return query.add_columns(Reservation.starts_at, Reservation.ends_at, Reservation.quoted_cost)


@contextmanager
def _streamed(query: sa.Select) -> Iterator[sa.Result]:
    """The rows of `query`, BATCH_ROWS at a time, read on a connection of their own.

    Its own connection, because the progress commits on the session would end the read's
    transaction, and with it PostgreSQL's server-side cursor.
    """
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # parking.db begins SQLite transactions IMMEDIATE, holding the write lock until they
            # end: for a long read that would stall every booking, and our own progress updates.
            # Ending it at once leaves the SELECT reading a WAL snapshot that blocks no writer.
            connection.begin()
            connection.exec_driver_sql("COMMIT")
        yield connection.execution_options(yield_per=BATCH_ROWS).execute(query)


@transactional
def _start(export_id: int) -> tuple[sa.Select, str, str | None] | None:
    """Mark the export running under a new file name; the query of its rows, that name and
    the one an earlier run gave it. None when there is nothing to write (the row is gone, or
    a duplicate of a finished job)."""
    export = db.session.get(Export, export_id)
    if export is None:
        return None
    path = _path(export)
    if export.status == DONE and path is not None and path.is_file():
        return None
    # Each run writes a file of its own: one that was killed mid-file (or is still writing,
    # a duplicate delivery) never shares a name with this one, and is superseded by it.
    earlier, export.file_name = export.file_name, new_file_name(export_id)
    export.status = RUNNING
    export.row_count = 0
    export.error = None
    export.finished_at = None
    return _rows_query(export), export.file_name, earlier


def _this_run(export_id: int, name: str) -> sa.ColumnElement[bool]:
    """SQL: the export is still the one this run (writing `name`) is writing."""
    return sa.and_(Export.id == export_id, Export.file_name == name)


@transactional
def _progress(export_id: int, name: str, row_count: int) -> None:
    db.session.execute(
        sa.update(Export).where(_this_run(export_id, name)).values(row_count=row_count)
    )


@transactional
def _end(export_id: int, name: str, **values) -> bool:
    """Write the run's outcome, unless a later run of the same export took over (False)."""
    result = db.session.execute(
        sa.update(Export).where(_this_run(export_id, name)).values(finished_at=utcnow(), **values)
    )
    return result.rowcount == 1


def _write(export_id: int, name: str, query: sa.Select) -> int:
    """Write the export's file `name`; returns the number of rows. Memory stays flat however
    many. The file is created exclusively: nothing is ever written over an existing file."""
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name (created with O_EXCL) and linked to its own name when
    # complete, so a download never sees half a file; the link fails rather than replace one.
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f"{name}.", suffix=".tmp")
    try:
        count = 0
        with open(handle, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(column.key for column in query.selected_columns)
            with _streamed(query) as rows:
                for record in rows:
                    writer.writerow(csv_row(**record._mapping))
                    count += 1
                    if count % BATCH_ROWS == 0:
                        _progress(export_id, name, count)
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, directory / name)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return count


def run(*, export_id: int) -> Export | None:
    """Write an export's CSV file and mark it done (or failed); safe to run twice."""
    started = _start(export_id)
    # Nothing may load `Export` objects between here and _end: on SQLite that would open a
    # session transaction, holding the write lock while the rows stream (see _streamed).
    if started is not None:
        query, name, earlier = started
        if earlier is not None:
            _remove(earlier)  # this export's own earlier file: no row names it any more
        try:
            count = _write(export_id, name, query)
        except Exception as error:
            log.exception("Export %d failed", export_id)
            # The details (paths, SQL) are for the worker's log, not for the API's answers.
            message = f"The export could not be written ({type(error).__name__}); try again"
            current = _end(export_id, name, status=FAILED, error=message)
        else:
            current = _end(export_id, name, status=DONE, row_count=count)
        if not current:
            _remove(name)  # a later run of the same export took over; its file is the one
    return db.session.get(Export, export_id)


def notify_ready(*, export_id: int) -> dict[str, str]:
    """Tell the requester their export is ready, with the link; once per export."""
    export = db.session.get(Export, export_id)
    if export is None or export.status != DONE:
        return {}
    user = db.session.get(User, export.user_id)
    # The app's page for the export (it downloads with the signed-in session), not the API.
    page = "/admin/reservations" if export.all_reservations else "/reservations/history"
    link = f"{current_app.config['PUBLIC_URL'].rstrip('/')}{page}?export={export.id}"
    days = current_app.config["EXPORT_RETENTION_DAYS"]
    rows = "1 reservation" if export.row_count == 1 else f"{export.row_count} reservations"
    text = (
        f"Hello {user.full_name},\n\n"
        f"Your parking history export is ready: {rows}, as a CSV file.\n"
        f"Open it in the app to download it (it is kept for {days} days):\n{link}\n"
    )
    return notify_user(
        user=user,
        kind=EXPORT_READY,
        # SQLite hands out a deleted row's id again once the retention job has emptied the
        # table; the creation time keeps the once-per-period rule from skipping the new export.
        period=f"{export.id}@{export.created_at:%Y-%m-%dT%H:%M:%S}",
        subject=READY_SUBJECT,
        text=text,
        html=None,
    )


# --- retention ------------------------------------------------------------------------------


@transactional
def _created_before(cutoff: datetime) -> list[tuple[int, str | None]]:
    query = sa.select(Export.id, Export.file_name).where(Export.created_at < cutoff)
    return [tuple(row) for row in db.session.execute(query)]


@transactional
def _delete_rows(ids: list[int]) -> None:
    db.session.execute(sa.delete(Export).where(Export.id.in_(ids)))


def delete_old() -> int:
    """Delete exports older than EXPORT_RETENTION_DAYS, rows and files; returns how many.

    Only files that rows of this database name are touched: EXPORT_DIR may be shared with
    another installation, whose files are none of this one's business.
    """
    cutoff = utcnow() - timedelta(days=current_app.config["EXPORT_RETENTION_DAYS"])
    old = _created_before(cutoff)  # committed: no transaction is held while the files go
    # Files first, then rows: a crash in between leaves rows that name no file (deleted on the
    # next run), never a file that no row names any more.
    for _, name in old:
        if name:
            _remove(name)
    if old:
        _delete_rows([id_ for id_, _ in old])
    return len(old)
