"""The daily reminder: who gets one today, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from parking.auth.models import ROLE_USER, User
from parking.db import utcnow
from parking.extensions import db, transactional
from parking.notifications.models import REMINDER, JobRun
from parking.notifications.service import Deliveries, notify_admins_space, notify_user
from parking.reports import render
from parking.reports.formatting import money
from parking.reservations import billing
from parking.reservations.models import OCCUPIED, Lot, Reservation
from parking.timezone import local_day

JOB_NAME = "daily-reminders"
INACTIVE_AFTER = timedelta(days=7)
LONG_STAY = timedelta(hours=12)


@dataclass
class Reason:
    """Why a reminder came, in a sentence, with the app page that acts on it."""

    text: str
    page: str  # a path of the app, e.g. "/lots"
    action: str


@dataclass
class Reminder:
    user: User
    reasons: list[Reason] = field(default_factory=list)


def _since_last_run(now: datetime) -> datetime:
    run = db.session.get(JobRun, JOB_NAME)
    return run.last_run_at if run else now - timedelta(days=1)


def due_reminders(*, now: datetime, since: datetime) -> tuple[list[Reminder], list[Lot]]:
    """Drivers to remind today with their reasons, and the lots added since `since`.

    A driver is reminded when they have not booked for 7 days (or never), when their car has
    been parked for more than 12 hours, and, everyone, when lots were added since the last run.
    """
    new_lots = list(
        db.session.scalars(
            sa.select(Lot)
            .where(Lot.created_at >= since, Lot.deleted_at.is_(None))
            .order_by(Lot.created_at)
        )
    )
    last_booked = dict(
        db.session.execute(
            sa.select(Reservation.user_id, sa.func.max(Reservation.reserved_at)).group_by(
                Reservation.user_id
            )
        ).all()
    )
    long_stays: dict[int, list[Reservation]] = {}
    for stay in db.session.scalars(
        sa.select(Reservation)
        .where(Reservation.status == OCCUPIED, Reservation.parked_at < now - LONG_STAY)
        .options(sa.orm.joinedload(Reservation.lot))
    ):
        long_stays.setdefault(stay.user_id, []).append(stay)

    reminders = []
    for user in db.session.scalars(sa.select(User).where(User.role == ROLE_USER).order_by(User.id)):
        reminder = Reminder(user)
        for stay in long_stays.get(user.id, []):
            hours = int((now - stay.parked_at).total_seconds() // 3600)
            so_far = money(billing.cost(stay.price_per_hour, stay.parked_at, now))
            reminder.reasons.append(
                Reason(
                    f"Your vehicle {stay.vehicle_number} has been parked at {stay.lot.name}, "
                    f"spot {stay.spot_number}, for {hours} hours: {so_far} so far. "
                    "Release it when you leave.",
                    "/reservations",
                    "See your parked car",
                )
            )
        if new_lots:
            names = ", ".join(f"{lot.name} ({lot.address})" for lot in new_lots)
            reminder.reasons.append(
                Reason(f"New parking lots are open: {names}.", "/lots", "See the new lots")
            )
        last = last_booked.get(user.id)
        if last is None:
            reminder.reasons.append(
                Reason("You have not booked a parking spot yet.", "/lots", "Find a lot near you")
            )
        elif last < now - INACTIVE_AFTER:
            reminder.reasons.append(
                Reason(
                    "You have not booked a parking spot in the last 7 days.", "/lots", "Book a spot"
                )
            )
        if reminder.reasons:
            reminders.append(reminder)
    return reminders, new_lots


def _subject(reminder: Reminder) -> str:
    """Says why the reminder came: its first (most pressing) reason."""
    first = reminder.reasons[0]
    if first.page == "/reservations":
        return "Reminder: your car is still parked"
    if first.text.startswith("New parking lots"):
        return "Reminder: new parking lots are open"
    return "Reminder: book your next parking spot"


def _digest(reminders: list[Reminder], new_lots: list[Lot], day: str) -> str:
    long_stays = sum(
        reason.page == "/reservations" for reminder in reminders for reason in reminder.reasons
    )
    lines = [f"Daily reminders for {day}: {len(reminders)} drivers reminded."]
    if new_lots:
        lines.append("New lots: " + ", ".join(lot.name for lot in new_lots))
    lines.append(f"Cars parked for more than 12 hours: {long_stays}")
    return "\n".join(lines)


def send_daily_reminders(*, now: datetime | None = None) -> dict:
    """Send today's reminders (each driver at most once a day per channel) and the digest.

    Transient failures are raised after everyone else was tried, so the task retries only
    what did not go out; the run counts as done (for "lots added since") once all went out.
    """
    now = now or utcnow()
    day = local_day(now)
    reminders, new_lots = due_reminders(now=now, since=_since_last_run(now))
    deliveries = Deliveries()
    for reminder in reminders:
        subject = _subject(reminder)
        text, html = render.reminder_email(subject=subject, reminder=reminder)
        deliveries.attempt(
            notify_user,
            user=reminder.user,
            kind=REMINDER,
            period=day,
            subject=subject,
            text=text,
            html=html,
            gchat_text=text,
        )
    deliveries.attempt(
        notify_admins_space, kind=REMINDER, period=day, text=_digest(reminders, new_lots, day)
    )
    outcomes = deliveries.finish()
    _record_run(now)
    return {"day": day, "reminded": len(reminders), "new_lots": len(new_lots), **outcomes}


@transactional
def _record_run(now) -> None:
    run = db.session.get(JobRun, JOB_NAME) or JobRun(name=JOB_NAME)
    run.last_run_at = now
    db.session.add(run)
