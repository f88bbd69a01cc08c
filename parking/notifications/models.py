from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from parking.auth.models import User
from parking.db import Base, UTCDateTime, utcnow

EMAIL = "email"
GCHAT = "gchat"
CHANNELS = (EMAIL, GCHAT)

REMINDER = "reminder"
MONTHLY_REPORT = "monthly_report"
EXPORT_READY = "export_ready"
RECEIPT = "receipt"
BOOKING_REMINDER = "booking_reminder"
PASSWORD_RESET = "password_reset"
BOOKING_CANCELLED = "booking_cancelled"
HOLD_ENDING = "hold_ending"
KINDS = (
    REMINDER,
    MONTHLY_REPORT,
    EXPORT_READY,
    RECEIPT,
    BOOKING_REMINDER,
    PASSWORD_RESET,
    BOOKING_CANCELLED,
    HOLD_ENDING,
)

# A row is claimed as `sending` before anything goes out, so a retry after a crash between
# sending and logging finds it and does not send again (at most once per recipient and period).
SENDING = "sending"
SENT = "sent"
FAILED = "failed"


class Notification(Base):
    """One message to one recipient on one channel, for one period (day, month, export...)."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.UniqueConstraint(
            "recipient", "kind", "channel", "period", name="uq_notifications_once_per_period"
        ),
        sa.CheckConstraint("status IN ('sending', 'sent', 'failed')", name="status"),
        sa.Index("ix_notifications_created_at", "created_at"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    # The driver or admin it went to; NULL for the admins' Google Chat space.
    user_id: orm.Mapped[int | None] = orm.mapped_column(sa.ForeignKey("users.id"), index=True)
    # "user:<id>" or "admins-space": what the once-per-period rule is about.
    recipient: orm.Mapped[str] = orm.mapped_column(sa.String(40))
    channel: orm.Mapped[str] = orm.mapped_column(sa.String(10))
    kind: orm.Mapped[str] = orm.mapped_column(sa.String(20))
    # "2026-11-23" for a daily reminder, "2026-10" for a monthly report, an id for the rest.
    period: orm.Mapped[str] = orm.mapped_column(sa.String(40))
    status: orm.Mapped[str] = orm.mapped_column(sa.String(10), default=SENDING)
    detail: orm.Mapped[str | None] = orm.mapped_column(sa.String(1000))
    created_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, default=utcnow)

    user: orm.Mapped[User | None] = orm.relationship()


class JobRun(Base):
    """When each periodic job last completed, e.g. to name the lots added since then."""

    __tablename__ = "job_runs"

    name: orm.Mapped[str] = orm.mapped_column(sa.String(50), primary_key=True)
    last_run_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime)
