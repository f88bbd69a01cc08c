"""The figures behind the driver's and the operator's dashboards."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from parking import cache
from parking.auth.models import ROLE_USER, User
from parking.db import utcnow
from parking.extensions import db
from parking.pagination import paginate
from parking.reservations.board import current_lots_with_counts
from parking.reservations.holds import first_lapse, first_lapse_columns, is_active, no_show
from parking.reservations.models import COMPLETED, Lot, Reservation
from parking.timezone import day_buckets, month_buckets, next_local_midnight

ZERO = Decimal("0.00")
REVENUE_DAYS = 30

# The figures every dashboard and report shares, so that they always agree.
completed = Reservation.status == COMPLETED
spent = sa.func.coalesce(sa.func.sum(sa.case((completed, Reservation.cost))), 0)
minutes_parked = sa.func.coalesce(sa.func.sum(Reservation.duration_minutes), 0)


def active_count():
    return sa.func.count(sa.case((is_active(), 1)))


def no_show_count():
    return sa.func.count(sa.case((no_show(), 1)))


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def per_lot(where) -> list[dict]:
    """Reservation count, money, minutes and no-shows per lot (deleted lots included), for rows
    matching `where`, ordered by lot name."""
    rows = db.session.execute(
        sa.select(
            Lot.id, Lot.name, sa.func.count(Reservation.id), spent, minutes_parked, no_show_count()
        )
        .join(Reservation, Reservation.lot_id == Lot.id)
        .where(where)
        .group_by(Lot.id, Lot.name)
        .order_by(Lot.name, Lot.id)
    ).all()
    return [
        {
            "lot_id": lot_id,
            "lot_name": name,
            "count": count,
            "amount": money(amount),
            "minutes": m,
            "no_shows": no_shows,
        }
        for lot_id, name, count, amount, m, no_shows in rows
    ]


def _bucketed(moment: sa.ColumnElement, buckets: list[tuple[str, datetime, datetime]], where):
    """Count and money of the rows matching `where` per calendar bucket (label, start, end; in
    order, back to back) that `moment` falls in, in one query. The bucket bounds come from
    Python because SQLite cannot convert to a named time zone itself."""
    if not buckets:
        return {}
    label = sa.case(*((moment < end, name) for name, _, end in buckets))
    rows = db.session.execute(
        sa.select(label, sa.func.count(Reservation.id), spent)
        .where(where, moment >= buckets[0][1], moment < buckets[-1][2])
        .group_by(label)
    ).all()
    return {name: (count, money(amount)) for name, count, amount in rows}


def driver_summary(*, user: User) -> dict:
    """A driver's totals, per lot and per calendar month (APP_TIMEZONE)."""
    return cache.remember(
        f"me-summary:{user.id}",
        [cache.user_version(user.id), cache.lot_details_version()],
        lambda: _driver_summary(user.id),
    )


def _driver_summary(user_id: int) -> tuple[dict, datetime | None]:
    mine = Reservation.user_id == user_id
    total, active, amount, minutes, first, last, *lapse = db.session.execute(
        sa.select(
            sa.func.count(Reservation.id),
            active_count(),
            spent,
            minutes_parked,
            sa.func.min(Reservation.reserved_at),
            sa.func.max(Reservation.reserved_at),
            *first_lapse_columns(),
        ).where(mine)
    ).one()
    months = _bucketed(Reservation.reserved_at, month_buckets(first, last) if first else [], mine)
    summary = {
        "total_reservations": total,
        "active_reservations": active,
        "total_spent": money(amount),
        "total_hours": round(minutes / 60, 2),
        "by_lot": [
            {
                "lot_id": r["lot_id"],
                "lot_name": r["lot_name"],
                "count": r["count"],
                "spent": r["amount"],
            }
            for r in per_lot(mine)
        ],
        "by_month": [
            {"month": month, "count": count, "spent": amount}
            for month, (count, amount) in sorted(months.items())
        ],
    }
    return summary, first_lapse(*lapse)


def _revenue_by_day(now: datetime) -> list[dict]:
    """Revenue per calendar day over the last 30 days, today included, days without any at 0."""
    days = day_buckets(now, REVENUE_DAYS)
    revenue = _bucketed(Reservation.left_at, days, completed)
    return [{"date": day, "revenue": revenue.get(day, (0, ZERO))[1]} for day, _, _ in days]


def admin_summary() -> dict:
    """The operator's dashboard: lots, drivers, spot states, revenue and occupancy."""
    return cache.remember(
        "admin-summary", [cache.lots_version(), cache.users_version()], _admin_summary
    )


def _admin_summary() -> tuple[dict, datetime | None]:
    now = utcnow()
    lots, holds_change_at = current_lots_with_counts()
    users = db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.role == ROLE_USER)
    )
    by_lot = per_lot(sa.true())  # one pass over the reservations; the total is its sum
    summary = {
        "lots": len(lots),
        "users": users,
        "spots": {
            "total": sum(lot["total_spots"] for lot in lots),
            "available": sum(lot["available_spots"] for lot in lots),
            "reserved": sum(lot["reserved_spots"] for lot in lots),
            "occupied": sum(lot["occupied_spots"] for lot in lots),
        },
        "revenue_total": sum((r["amount"] for r in by_lot), ZERO),
        "revenue_by_lot": [
            {
                "lot_id": r["lot_id"],
                "lot_name": r["lot_name"],
                "revenue": r["amount"],
                "count": r["count"],
                "no_shows": r["no_shows"],
            }
            for r in by_lot
        ],
        "revenue_by_day": _revenue_by_day(now),
        "occupancy_by_lot": [
            {
                "lot_id": lot["id"],
                "lot_name": lot["name"],
                "total": lot["total_spots"],
                "occupied": lot["occupied_spots"],
                "reserved": lot["reserved_spots"],
            }
            for lot in lots
        ],
    }
    tomorrow = next_local_midnight(now)
    return summary, min(tomorrow, holds_change_at) if holds_change_at else tomorrow


def users_page(*, page: int, per_page: int, q: str | None = None) -> dict:
    """Drivers with their booking totals, newest first; `q` matches e-mail or name.

    The totals are summed for the drivers of this page only: two queries, whatever the size.
    """
    query = (
        sa.select(User)
        .where(User.role == ROLE_USER)
        .order_by(User.created_at.desc(), User.id.desc())
    )
    if q:
        query = query.where(
            sa.or_(
                User.email.icontains(q, autoescape=True),
                User.full_name.icontains(q, autoescape=True),
            )
        )
    result = paginate(query, page=page, per_page=per_page)
    stats = {
        user_id: (count, active, total)
        for user_id, count, active, total in db.session.execute(
            sa.select(Reservation.user_id, sa.func.count(Reservation.id), active_count(), spent)
            .where(Reservation.user_id.in_([user.id for user in result["items"]]))
            .group_by(Reservation.user_id)
        )
    }
    result["items"] = [
        {
            "id": user.id,
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "pincode": user.pincode,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
            "reservations_count": stats.get(user.id, (0, 0, 0))[0],
            "active_reservations": stats.get(user.id, (0, 0, 0))[1],
            "total_spent": money(stats.get(user.id, (0, 0, 0))[2]),
        }
        for user in result["items"]
    ]
    return result
