"""CSV exports of reservations: queue one, write it in the background, fetch it, clean up."""

from __future__ import annotations

import csv
import logging
import os
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


def file_name(export_id: int) -> str:
    return f"export-{export_id}.csv"


def _directory() -> Path:
    return Path(current_app.config["EXPORT_DIR"])


def _path(export: Export) -> Path:
    return _directory() / (export.file_name or file_name(export.id))


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
    if not path.is_file():
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
def _start(export_id: int) -> sa.Select | None:
    """Mark the export running and return the query of its rows; None when there is nothing
    to write (the row is gone, or a duplicate of a finished job)."""
    export = db.session.get(Export, export_id)
    if export is None or (export.status == DONE and _path(export).is_file()):
        return None
    export.status = RUNNING
    export.row_count = 0
    export.error = None
    export.finished_at = None
    return _rows_query(export)


@transactional
def _progress(export_id: int, row_count: int) -> None:
    db.session.execute(sa.update(Export).where(Export.id == export_id).values(row_count=row_count))


@transactional
def _finish(export_id: int, row_count: int) -> Export | None:
    export = db.session.get(Export, export_id)
    if export is not None:
        export.status = DONE
        export.row_count = row_count
        export.file_name = file_name(export_id)
        export.finished_at = utcnow()
    return export


@transactional
def _fail(export_id: int, error: Exception) -> Export | None:
    export = db.session.get(Export, export_id)
    if export is not None:
        export.status = FAILED
        # The details (paths, SQL) are for the worker's log, not for the API's answers.
        export.error = f"The export could not be written ({type(error).__name__}); try again"
        export.finished_at = utcnow()
    return export


def _write(export_id: int, query: sa.Select) -> int:
    """Write the export's file; returns the number of rows. Memory stays flat however many."""
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed when complete, so a download never sees half
    # a file, and a second run of the same job replaces the file whole.
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=f"{file_name(export_id)}.", suffix=".tmp"
    )
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
                        _progress(export_id, count)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, directory / file_name(export_id))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def run(*, export_id: int) -> Export | None:
    """Write an export's CSV file and mark it done (or failed); safe to run twice."""
    query = _start(export_id)
    # Nothing may load `Export` objects between here and _finish: on SQLite that would open a
    # session transaction, holding the write lock while the rows stream (see _streamed).
    if query is not None:
        try:
            count = _write(export_id, query)
        except Exception as error:
            log.exception("Export %d failed", export_id)
            return _fail(export_id, error)
        return _finish(export_id, count)
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
def _delete_rows_before(cutoff: datetime) -> list[str]:
    old = db.session.execute(
        sa.select(Export.id, Export.file_name).where(Export.created_at < cutoff)
    ).all()
    if old:
        db.session.execute(sa.delete(Export).where(Export.id.in_([id_ for id_, _ in old])))
    return [name or file_name(id_) for id_, name in old]


def delete_old() -> int:
    """Delete exports older than EXPORT_RETENTION_DAYS, rows and files; returns how many."""
    cutoff = utcnow() - timedelta(days=current_app.config["EXPORT_RETENTION_DAYS"])
    # Rows first: once a row is gone nobody can ask for its file, so deleting it races nothing.
    names = _delete_rows_before(cutoff)
    directory = _directory()
    for name in names:
        (directory / name).unlink(missing_ok=True)
    # Files no row names any more (a crash between the two steps, a job killed mid-write) go
    # by their age: a file is written after its row is created, so one older than the cutoff
    # belonged to a row older than it too.
    for path in directory.glob("export-*"):
        try:
            if path.stat().st_mtime < cutoff.timestamp():
                path.unlink()
        except FileNotFoundError:
            pass
    return len(names)
