"""The booking domain's tables: lots and their spots, reservations, idempotency keys."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from parking.auth.models import User
from parking.db import Base, TimestampMixin, UTCDateTime, utcnow

# Lots and their spots: the places bookings are for.
MONEY = sa.Numeric(10, 2)


DRIVE_UP = "drive_up"
ADVANCE = "advance"
SPOT_KINDS = (DRIVE_UP, ADVANCE)


class Lot(TimestampMixin, Base):
    __tablename__ = "lots"
    __table_args__ = (
        sa.CheckConstraint("price_per_hour > 0", name="price_positive"),
        sa.CheckConstraint("advance_spots >= 0", name="advance_spots_not_negative"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    address: orm.Mapped[str] = orm.mapped_column(sa.String(300))
    pincode: orm.Mapped[str] = orm.mapped_column(sa.String(6), index=True)
    price_per_hour: orm.Mapped[Decimal] = orm.mapped_column(MONEY)
    # How many of its highest-numbered spots are kept for bookings made ahead for a window.
    advance_spots: orm.Mapped[int] = orm.mapped_column(default=0, server_default="0")
    # A deleted lot leaves listings and booking but stays for the reservations that name it.
    deleted_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)


class Spot(Base):
    __tablename__ = "spots"
    __table_args__ = (
        # Numbers are unique among a lot's current spots; removed spots keep theirs for history.
        sa.Index(
            "uq_spots_lot_number_current",
            "lot_id",
            "number",
            unique=True,
            sqlite_where=sa.text("removed_at IS NULL"),
            postgresql_where=sa.text("removed_at IS NULL"),
        ),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        sa.CheckConstraint("kind IN ('drive_up', 'advance')", name="kind"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    lot_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("lots.id"), index=True)
    number: orm.Mapped[int]
    # Drive-up spots take bookings for now; advance spots take window bookings only.
    kind: orm.Mapped[str] = orm.mapped_column(
        sa.String(10), default=DRIVE_UP, server_default=DRIVE_UP
    )
    removed_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)

    lot: orm.Mapped[Lot] = orm.relationship()


# Bookings.
RESERVED = "reserved"
OCCUPIED = "occupied"
COMPLETED = "completed"
CANCELLED = "cancelled"
ACTIVE_STATUSES = (RESERVED, OCCUPIED)
BY_DRIVER = "driver"
BY_OPERATOR = "operator"
BY_SYSTEM = "system"

_ACTIVE = sa.text("status IN ('reserved', 'occupied')")
_ACTIVE_DRIVE_UP = sa.text("status IN ('reserved', 'occupied') AND starts_at IS NULL")
_ACTIVE_WINDOW = sa.text("status IN ('reserved', 'occupied') AND starts_at IS NOT NULL")


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        # The database itself forbids a double booking, whatever races the application code
        # loses: one active drive-up per spot and per vehicle, one parked car per vehicle.
        # Window bookings may not overlap on a spot or for a vehicle: an exclusion constraint
        # on PostgreSQL and triggers on SQLite (migration 5b7e0c1d2a34), which the model
        # cannot declare for both databases.
        sa.Index(
            "uq_reservations_active_spot",
            "spot_id",
            unique=True,
            sqlite_where=_ACTIVE_DRIVE_UP,
            postgresql_where=_ACTIVE_DRIVE_UP,
        ),
        sa.Index(
            "uq_reservations_active_vehicle",
            "vehicle_number",
            unique=True,
            sqlite_where=_ACTIVE_DRIVE_UP,
            postgresql_where=_ACTIVE_DRIVE_UP,
        ),
        sa.Index(
            "uq_reservations_occupied_vehicle",
            "vehicle_number",
            unique=True,
            sqlite_where=sa.text("status = 'occupied'"),
            postgresql_where=sa.text("status = 'occupied'"),
        ),
        # Active window bookings by lot (availability for a window), by spot (the SQLite
        # overlap trigger) and by vehicle (a vehicle's overlapping windows).
        *(
            sa.Index(
                f"ix_reservations_active_window{suffix}",
                column,
                "ends_at",
                sqlite_where=_ACTIVE_WINDOW,
                postgresql_where=_ACTIVE_WINDOW,
            )
            for suffix, column in (
                ("", "lot_id"),
                ("_spot", "spot_id"),
                ("_vehicle", "vehicle_number"),
            )
        ),
        sa.CheckConstraint("(starts_at IS NULL) = (ends_at IS NULL)", name="window_complete"),
        sa.CheckConstraint("ends_at > starts_at", name="window_order"),
        # A driver's history, newest first.
        sa.Index("ix_reservations_user_reserved_at", "user_id", "reserved_at"),
        # Everyone's history (admins) and the month of a report.
        sa.Index("ix_reservations_reserved_at", "reserved_at", "id"),
        # The beat job's expired holds.
        sa.Index("ix_reservations_status_reserved_at", "status", "reserved_at"),
        # A lot's active bookings: the counts, the spot grid, the "in use" checks.
        sa.Index(
            "ix_reservations_active_lot",
            "lot_id",
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        ),
        # Revenue per day.
        sa.Index(
            "ix_reservations_completed_left_at",
            "left_at",
            sqlite_where=sa.text("status = 'completed'"),
            postgresql_where=sa.text("status = 'completed'"),
        ),
        sa.CheckConstraint(
            "status IN ('reserved', 'occupied', 'completed', 'cancelled')", name="status"
        ),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id"))
    lot_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("lots.id"), index=True)
    spot_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("spots.id"))
    # Copied at booking: later edits to the lot or spot leave past stays as they were.
    spot_number: orm.Mapped[int]
    price_per_hour: orm.Mapped[Decimal] = orm.mapped_column(MONEY)
    vehicle_number: orm.Mapped[str] = orm.mapped_column(sa.String(12))
    status: orm.Mapped[str] = orm.mapped_column(sa.String(10), default=RESERVED)
    remarks: orm.Mapped[str | None] = orm.mapped_column(sa.String(500))
    reserved_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, default=utcnow)
    parked_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
    left_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
    cancelled_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
    duration_minutes: orm.Mapped[int | None]
    cost: orm.Mapped[Decimal | None] = orm.mapped_column(MONEY)
    # A window booking (both set) is for [starts_at, ends_at); a drive-up has neither.
    starts_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
    ends_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
    # The window's price, frozen at booking.
    quoted_cost: orm.Mapped[Decimal | None] = orm.mapped_column(MONEY)
    # Cancelled by the system because nobody parked within the window's hold.
    no_show: orm.Mapped[bool] = orm.mapped_column(default=False, server_default=sa.false())
    # Who ended it, cancelled or completed: `driver`, `operator` or `system` (a lapsed hold).
    ended_by: orm.Mapped[str | None] = orm.mapped_column(sa.String(10))

    user: orm.Mapped[User] = orm.relationship()
    lot: orm.Mapped[Lot] = orm.relationship()

    @property
    def lot_name(self) -> str:
        return self.lot.name

    @property
    def is_window(self) -> bool:
        return self.starts_at is not None


class IdempotencyKey(Base):
    """A driver's `Idempotency-Key` and the booking it produced, so a retry books nothing more."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("user_id", "key", name="uq_idempotency_keys_user_key"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id"))
    key: orm.Mapped[str] = orm.mapped_column(sa.String(100))
    reservation_id: orm.Mapped[int | None] = orm.mapped_column(sa.ForeignKey("reservations.id"))
    # Indexed: keys past their 24 h window are purged by the beat job.
    created_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, default=utcnow, index=True)
