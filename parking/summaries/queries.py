"""The figures behind the driver's and the operator's dashboards."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from parking.auth.models import ROLE_USER, User
from parking.db import utcnow
from parking.extensions import db
from parking.lots.models import Lot
from parking.lots.service import get_all as get_current_lots
from parking.pagination import paginate
from parking.reservations.holds import is_active
from parking.reservations.models import COMPLETED, Reservation
from parking.timezone import local_day, local_month

ZERO = Decimal("0.00")
REVENUE_DAYS = 30

_spent = sa.func.coalesce(
    sa.func.sum(sa.case((Reservation.status == COMPLETED, Reservation.cost))), 0
)


def _active():
    return sa.func.count(sa.case((is_active(), 1)))


def _money(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def _per_lot(where) -> list[dict]:
    """Reservation count and money per lot (deleted lots included), for rows matching `where`."""
    rows = db.session.execute(
        sa.select(Lot.id, Lot.name, sa.func.count(Reservation.id), _spent)
        .join(Reservation, Reservation.lot_id == Lot.id)
        .where(where)
        .group_by(Lot.id, Lot.name)
        .order_by(Lot.name, Lot.id)
    ).all()
    return [
        {"lot_id": lot_id, "lot_name": name, "count": count, "amount": _money(spent)}
        for lot_id, name, count, spent in rows
    ]


def driver_summary(*, user: User) -> dict:
    """A driver's totals, per lot and per calendar month (APP_TIMEZONE)."""
    mine = Reservation.user_id == user.id
    total, active, spent, minutes = db.session.execute(
        sa.select(
            sa.func.count(Reservation.id),
            _active(),
            _spent,
            sa.func.coalesce(sa.func.sum(Reservation.duration_minutes), 0),
        ).where(mine)
    ).one()
    months: dict[str, dict] = defaultdict(lambda: {"count": 0, "spent": ZERO})
    for reserved_at, status, cost in db.session.execute(
        sa.select(Reservation.reserved_at, Reservation.status, Reservation.cost).where(mine)
    ):
        month = months[local_month(reserved_at)]
        month["count"] += 1
        if status == COMPLETED:
            month["spent"] += cost
    return {
        "total_reservations": total,
        "active_reservations": active,
        "total_spent": _money(spent),
        "total_hours": round(minutes / 60, 2),
        "by_lot": [
            {
                "lot_id": r["lot_id"],
                "lot_name": r["lot_name"],
                "count": r["count"],
                "spent": r["amount"],
            }
            for r in _per_lot(mine)
        ],
        "by_month": [{"month": key, **months[key]} for key in sorted(months)],
    }


def _revenue_by_day() -> list[dict]:
    """Revenue per calendar day over the last 30 days, today included, days without any at 0."""
    now = utcnow()
    days = {local_day(now - timedelta(days=n)): ZERO for n in range(REVENUE_DAYS - 1, -1, -1)}
    rows = db.session.execute(
        sa.select(Reservation.left_at, Reservation.cost).where(
            Reservation.status == COMPLETED,
            Reservation.left_at >= now - timedelta(days=REVENUE_DAYS + 1),
        )
    )
    for left_at, cost in rows:
        day = local_day(left_at)
        if day in days:
            days[day] += cost
    return [{"date": day, "revenue": revenue} for day, revenue in days.items()]


def admin_summary() -> dict:
    """The operator's dashboard: lots, drivers, spot states, revenue and occupancy."""
    lots = get_current_lots()
    users = db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.role == ROLE_USER)
    )
    revenue = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Reservation.cost), 0)).where(
            Reservation.status == COMPLETED
        )
    )
    return {
        "lots": len(lots),
        "users": users,
        "spots": {
            "total": sum(lot["total_spots"] for lot in lots),
            "available": sum(lot["available_spots"] for lot in lots),
            "reserved": sum(lot["reserved_spots"] for lot in lots),
            "occupied": sum(lot["occupied_spots"] for lot in lots),
        },
        "revenue_total": _money(revenue),
        "revenue_by_lot": [
            {
                "lot_id": r["lot_id"],
                "lot_name": r["lot_name"],
                "revenue": r["amount"],
                "count": r["count"],
            }
            for r in _per_lot(sa.true())
        ],
        "revenue_by_day": _revenue_by_day(),
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


def users_page(*, page: int, per_page: int, q: str | None = None) -> dict:
    """Drivers with their booking totals, newest first; `q` matches e-mail or name."""
    stats = (
        sa.select(
            Reservation.user_id,
            sa.func.count(Reservation.id).label("reservations_count"),
            _active().label("active_reservations"),
            _spent.label("total_spent"),
        )
        .group_by(Reservation.user_id)
        .subquery()
    )
    query = (
        sa.select(
            User, stats.c.reservations_count, stats.c.active_reservations, stats.c.total_spent
        )
        .outerjoin(stats, stats.c.user_id == User.id)
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
    result = paginate(query, page=page, per_page=per_page, scalars=False)
    result["items"] = [
        {
            "id": user.id,
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "pincode": user.pincode,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
            "reservations_count": count or 0,
            "active_reservations": active or 0,
            "total_spent": _money(spent),
        }
        for user, count, active, spent in result["items"]
    ]
    return result
