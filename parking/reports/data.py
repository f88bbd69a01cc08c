"""The figures of the monthly reports and of a receipt.

A reservation belongs to the calendar month (in APP_TIMEZONE) of its `reserved_at`, the same
rule as the driver's `by_month` summary, so a driver's reports add up to the operator's.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from parking.auth.models import ROLE_USER, User
from parking.db import utcnow
from parking.extensions import db
from parking.reports.formatting import amount, duration, hour_of_day, local_time, money, window
from parking.reservations import billing
from parking.reservations.holds import current_status, status_now
from parking.reservations.models import (
    ACTIVE_STATUSES,
    CANCELLED,
    COMPLETED,
    RESERVED,
    Lot,
    Reservation,
    Spot,
)
from parking.summaries import queries as summaries
from parking.timezone import app_zone

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
TOP_DRIVERS = 5
BUSIEST_HOURS = 5
NEW_DRIVERS_LISTED = 20
PERCENT = Decimal("0.1")

# The same figures as the dashboards, from the same module, so the two always agree.
_completed = summaries.completed
_spent = summaries.spent
_minutes = summaries.minutes_parked


def _first_day(month: str) -> datetime:
    """Midnight on the 1st of a "YYYY-MM" month, on the APP_TIMEZONE clock."""
    match = _MONTH.fullmatch(month)
    if match is None:
        raise ValueError(f"not a month written YYYY-MM: {month!r}")
    return datetime(int(match[1]), int(match[2]), 1, tzinfo=app_zone())


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The first moment of `month` and of the month after, in UTC."""
    start = _first_day(month)
    after = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start.astimezone(UTC), after.astimezone(UTC)


def _period(month: str) -> dict:
    """The keys every report starts with: which month, its label, and its bounds in UTC."""
    start, end = month_bounds(month)
    return {
        "month": month,
        "month_label": _first_day(month).strftime("%B %Y"),
        "timezone": current_app.config["APP_TIMEZONE"],
        "generated_at": local_time(utcnow()),
        "start": start,
        "end": end,
    }


def _in(start: datetime, end: datetime):
    return sa.and_(Reservation.reserved_at >= start, Reservation.reserved_at < end)


def _parked(minutes: int) -> dict:
    """A report's total time parked: the minutes, and as people read it ("3 h 06 min")."""
    return {"minutes_parked": minutes, "time_parked": duration(minutes)}


def _stay(reservation: Reservation) -> dict:
    status = status_now(reservation)
    # Written down by the beat job, or lapsed and not yet written (a driver's cancel is neither).
    lapsed = reservation.status == RESERVED and status == CANCELLED
    no_show = reservation.is_window and (reservation.no_show or lapsed)
    return {
        "id": reservation.id,
        "lot_name": reservation.lot.name,
        "spot_number": reservation.spot_number,
        "vehicle_number": reservation.vehicle_number,
        "status": "no-show" if no_show else status,
        "window": window(reservation.starts_at, reservation.ends_at)
        if reservation.is_window
        else None,
        "reserved_at": local_time(reservation.reserved_at),
        "parked_at": local_time(reservation.parked_at),
        "left_at": local_time(reservation.left_at),
        "duration_minutes": reservation.duration_minutes,
        "time_parked": duration(reservation.duration_minutes),
        "cost": amount(reservation.cost) if reservation.status == COMPLETED else None,
    }


def driver_month(*, user: User, month: str) -> dict | None:
    """A driver's report for a calendar month, or None when they booked nothing in it."""
    period = _period(month)
    reservations = db.session.scalars(
        sa.select(Reservation)
        .options(orm.joinedload(Reservation.lot))
        .where(Reservation.user_id == user.id, _in(period["start"], period["end"]))
        .order_by(Reservation.reserved_at, Reservation.id)
    ).all()
    if not reservations:
        return None
    by_lot = [
        {
            "lot_id": row["lot_id"],
            "lot_name": row["lot_name"],
            "count": row["count"],
            "minutes": row["minutes"] or 0,
            "time_parked": duration(row["minutes"] or 0),
            "spent": amount(row["amount"]),
        }
        for row in summaries.per_lot(
            sa.and_(Reservation.user_id == user.id, _in(period["start"], period["end"]))
        )
    ]
    # Most bookings wins; more spent breaks a tie, then the name, so it is stable.
    most_used = min(by_lot, key=lambda row: (-row["count"], -row["spent"], row["lot_name"]))
    # A hold that ran out counts as cancelled here too, as everywhere else.
    statuses = Counter(status_now(reservation) for reservation in reservations)
    return {
        **period,
        "user": {"id": user.id, "name": user.full_name, "email": user.email},
        "reservations": len(reservations),
        "completed": statuses[COMPLETED],
        "cancelled": statuses[CANCELLED],
        "active": sum(statuses[status] for status in ACTIVE_STATUSES),
        **_parked(sum(r.duration_minutes or 0 for r in reservations)),
        "total_spent": sum((row["spent"] for row in by_lot), amount(0)),
        "most_used_lot": most_used["lot_name"],
        "by_lot": by_lot,
        "stays": [_stay(reservation) for reservation in reservations],
    }


def _occupancy(minutes: int, spots: int, open_hours: Decimal) -> Decimal:
    """Hours parked as a percentage of the spot-hours the lot offered."""
    if not spots or open_hours <= 0:
        return Decimal("0.0")
    share = Decimal(minutes) / 60 / (spots * open_hours) * 100
    # Stays booked late in the month can run on past its end; a lot is never fuller than full.
    return min(share, Decimal(100)).quantize(PERCENT)


def _by_lot(start: datetime, end: datetime) -> list[dict]:
    """Revenue and occupancy of every lot with a booking in the period, deleted lots included."""
    rows = db.session.execute(
        sa.select(
            Lot.id,
            Lot.name,
            Lot.deleted_at,
            sa.func.count(Reservation.id),
            sa.func.count(sa.case((_completed, 1))),
            _spent,
            _minutes,
            summaries.no_show_count(),
        )
        .join(Reservation, Reservation.lot_id == Lot.id)
        .where(_in(start, end))
        .group_by(Lot.id, Lot.name, Lot.deleted_at)
        .order_by(Lot.name, Lot.id)
    ).all()
    # The lot's spots as it is now (what the operator sees on the board).
    spots = dict(
        db.session.execute(
            sa.select(Spot.lot_id, sa.func.count(Spot.id))
            .where(Spot.lot_id.in_([row[0] for row in rows]), Spot.removed_at.is_(None))
            .group_by(Spot.lot_id)
        ).all()
    )
    # The current month is reported so far: its occupancy is of the hours gone by.
    open_hours = Decimal((min(end, utcnow()) - start).total_seconds()) / 3600
    return [
        {
            "lot_id": lot_id,
            "lot_name": name,
            "deleted": deleted_at is not None,
            "count": count,
            "completed": completed,
            "revenue": amount(revenue),
            "minutes": minutes or 0,
            "time_parked": duration(minutes or 0),
            "spots": spots.get(lot_id, 0),
            "occupancy": _occupancy(minutes, spots.get(lot_id, 0), open_hours),
            "no_shows": no_shows,
        }
        for lot_id, name, deleted_at, count, completed, revenue, minutes, no_shows in rows
    ]


def _hours_of_day(start: datetime, end: datetime) -> list[dict]:
    """Parkings started in each hour of the local day (0-23), for stays booked in the period."""
    zone = app_zone()
    # Converting to local time in SQL differs per database; the times are small to fetch.
    parked = db.session.scalars(
        sa.select(Reservation.parked_at).where(_in(start, end), Reservation.parked_at.is_not(None))
    )
    counts = Counter(moment.astimezone(zone).hour for moment in parked)
    return [{"hour": hour, "label": hour_of_day(hour), "count": counts[hour]} for hour in range(24)]


def _top_drivers(start: datetime, end: datetime) -> list[dict]:
    rows = db.session.execute(
        sa.select(User.full_name, User.email, sa.func.count(Reservation.id), _spent)
        .join(Reservation, Reservation.user_id == User.id)
        .where(_in(start, end))
        .group_by(User.id, User.full_name, User.email)
        .order_by(_spent.desc(), sa.func.count(Reservation.id).desc(), User.id)
        .limit(TOP_DRIVERS)
    ).all()
    return [
        {"name": name, "email": email, "count": count, "spent": amount(spent)}
        for name, email, count, spent in rows
    ]


def _new_drivers(start: datetime, end: datetime) -> dict:
    registered = sa.and_(User.role == ROLE_USER, User.created_at >= start, User.created_at < end)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(User).where(registered))
    listed = db.session.scalars(
        sa.select(User)
        .where(registered)
        .order_by(User.created_at, User.id)
        .limit(NEW_DRIVERS_LISTED)
    )
    return {
        "count": count,
        "drivers": [
            {
                "name": user.full_name,
                "email": user.email,
                "registered_at": local_time(user.created_at),
            }
            for user in listed
        ],
    }


def operator_month(*, month: str) -> dict:
    """The operators' report for a calendar month: revenue, occupancy, busy hours, drivers."""
    period = _period(month)
    start, end = period["start"], period["end"]
    count, completed, cancelled, revenue, minutes, drivers = db.session.execute(
        sa.select(
            sa.func.count(Reservation.id),
            sa.func.count(sa.case((_completed, 1))),
            sa.func.count(sa.case((current_status() == CANCELLED, 1))),
            _spent,
            _minutes,
            sa.func.count(sa.distinct(Reservation.user_id)),
        ).where(_in(start, end))
    ).one()
    hours_of_day = _hours_of_day(start, end)
    busiest = sorted(
        (row for row in hours_of_day if row["count"]), key=lambda row: (-row["count"], row["hour"])
    )
    return {
        **period,
        "reservations": count,
        "completed": completed,
        "cancelled": cancelled,
        "active": count - completed - cancelled,
        "revenue_total": amount(revenue),
        **_parked(minutes or 0),
        "active_drivers": drivers,
        "by_lot": _by_lot(start, end),
        "hours_of_day": hours_of_day,
        "busiest_hours": busiest[:BUSIEST_HOURS],
        "top_drivers": _top_drivers(start, end),
        "new_drivers": _new_drivers(start, end),
    }


def _started_hours(count: int) -> str:
    return f"{count} started hour{'' if count == 1 else 's'}"


def _receipt_lines(reservation: Reservation) -> list[tuple[str, str]]:
    """The receipt's rows, label and value, the same in the e-mail and the PDF."""
    minutes = reservation.duration_minutes or 0
    lines = [
        ("Lot", reservation.lot.name),
        ("Address", f"{reservation.lot.address}, {reservation.lot.pincode}"),
        ("Spot", str(reservation.spot_number)),
        ("Vehicle", reservation.vehicle_number),
        ("Reserved", local_time(reservation.reserved_at)),
    ]
    if reservation.is_window:
        window_hours = billing.billed_hours(
            billing.duration_minutes(reservation.starts_at, reservation.ends_at)
        )
        lines += [
            ("Window", window(reservation.starts_at, reservation.ends_at)),
            ("Window price", f"{money(reservation.quoted_cost)} ({_started_hours(window_hours)})"),
        ]
    lines += [
        ("Parked", local_time(reservation.parked_at) or "—"),
        ("Left", local_time(reservation.left_at) or "—"),
        ("Time parked", duration(reservation.duration_minutes)),
        ("Rate per hour", money(reservation.price_per_hour)),
    ]
    if not reservation.is_window:
        lines.append(("Hours billed", f"{billing.billed_hours(minutes)} (every started hour)"))
    elif reservation.left_at and reservation.left_at > reservation.ends_at:
        over = billing.duration_minutes(reservation.ends_at, reservation.left_at)
        extra = amount(reservation.cost) - amount(reservation.quoted_cost)
        lines.append(
            (
                "Overstay",
                f"{duration(over)}: {_started_hours(billing.billed_hours(over))}, {money(extra)}",
            )
        )
    else:
        lines.append(("Overstay", "none"))
    return lines


def receipt(reservation: Reservation) -> dict:
    """What a receipt shows of a completed stay, times on the APP_TIMEZONE clock."""
    lot = reservation.lot
    minutes = reservation.duration_minutes or 0
    return {
        "number": reservation.id,
        "issued_at": local_time(utcnow()),
        "timezone": current_app.config["APP_TIMEZONE"],
        "user": {"name": reservation.user.full_name, "email": reservation.user.email},
        "lot_name": lot.name,
        "lot_address": lot.address,
        "lot_pincode": lot.pincode,
        "spot_number": reservation.spot_number,
        "vehicle_number": reservation.vehicle_number,
        "reserved_at": local_time(reservation.reserved_at),
        "parked_at": local_time(reservation.parked_at),
        "left_at": local_time(reservation.left_at),
        "duration_minutes": reservation.duration_minutes,
        "duration": duration(reservation.duration_minutes),
        "price_per_hour": amount(reservation.price_per_hour),
        "billed_hours": billing.billed_hours(minutes),
        "cost": amount(reservation.cost),
        "lines": _receipt_lines(reservation),
    }
