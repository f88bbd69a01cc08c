from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from parking.db import Base, UTCDateTime, utcnow

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"


class Export(Base):
    """A CSV export of reservations: a driver's own, or everyone's for an admin."""

    __tablename__ = "exports"
    __table_args__ = (
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id"), index=True)
    all_reservations: orm.Mapped[bool] = orm.mapped_column(default=False)
    status: orm.Mapped[str] = orm.mapped_column(sa.String(10), default=QUEUED)
    row_count: orm.Mapped[int] = orm.mapped_column(default=0)
    file_name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    error: orm.Mapped[str | None] = orm.mapped_column(sa.String(1000))
    created_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, default=utcnow, index=True)
    finished_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
