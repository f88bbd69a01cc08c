from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from parking.db import Base, TimestampMixin, UTCDateTime

MONEY = sa.Numeric(10, 2)


class Lot(TimestampMixin, Base):
    __tablename__ = "lots"
    __table_args__ = (sa.CheckConstraint("price_per_hour > 0", name="price_positive"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    address: orm.Mapped[str] = orm.mapped_column(sa.String(300))
    pincode: orm.Mapped[str] = orm.mapped_column(sa.String(6), index=True)
    price_per_hour: orm.Mapped[Decimal] = orm.mapped_column(MONEY)
    # A deleted lot leaves listings and booking but stays for the reservations that name it.
    deleted_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)

    spots: orm.Mapped[list[Spot]] = orm.relationship(
        primaryjoin="and_(Spot.lot_id == Lot.id, Spot.removed_at.is_(None))",
        order_by="Spot.number",
        viewonly=True,
    )


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
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    lot_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("lots.id"), index=True)
    number: orm.Mapped[int]
    removed_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)

    lot: orm.Mapped[Lot] = orm.relationship()
