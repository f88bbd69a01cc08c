"""What a unit of work changed, acted on once it commits: cached answers are dropped and live
clients told (Redis pub/sub). Nothing happens if the transaction rolls back.

Services call `lots_changed(...)` / `users_changed()` while they work; the session carries the
notes until its transaction ends.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from parking import cache, events
from parking.extensions import db
from parking.queue import enqueue_quietly

_KEY = "parking.changes"


def _pending(session: orm.Session) -> dict:
    return session.info.setdefault(_KEY, {"lots": set(), "versions": set(), "jobs": []})


def lots_changed(*lot_ids: int, user_id: int | None = None, details: bool = False) -> None:
    """These lots' spots changed (with `details`: their names or addresses too; with `user_id`:
    that driver's bookings)."""
    pending = _pending(db.session())
    if details:
        pending["versions"].add(cache.lot_details_version())
    pending["lots"].update(lot_ids)
    pending["versions"].add(cache.lots_version())
    pending["versions"].update(cache.lot_version(lot_id) for lot_id in lot_ids)
    if user_id is not None:
        pending["versions"].add(cache.user_version(user_id))


def follow_up(task_name: str, *args) -> None:
    """Queue this job once the unit of work commits (a message the change owes someone), so the
    worker finds what it needs; nothing is queued if it rolls back."""
    _pending(db.session())["jobs"].append((task_name, args))


def users_changed() -> None:
    """An account was added or removed."""
    _pending(db.session())["versions"].add(cache.users_version())


@sa.event.listens_for(orm.Session, "after_commit")
def _after_commit(session: orm.Session) -> None:
    pending = session.info.pop(_KEY, None)
    if not pending:
        return
    if pending["versions"]:
        cache.bump(pending["versions"])
    for lot_id in sorted(pending["lots"]):
        events.publish_lot_change(lot_id)
    for task_name, args in pending["jobs"]:
        enqueue_quietly(task_name, *args)


@sa.event.listens_for(orm.Session, "after_transaction_end")
def _after_transaction_end(session: orm.Session, transaction: orm.SessionTransaction) -> None:
    if transaction.parent is None:  # the whole unit of work ended without a commit
        session.info.pop(_KEY, None)
