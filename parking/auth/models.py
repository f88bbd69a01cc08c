from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from parking.db import Base, TimestampMixin, UTCDateTime, utcnow

ROLE_ADMIN = "admin"
ROLE_USER = "user"


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        # E-mail addresses are unique whatever their case; the address itself is kept as typed.
        sa.Index("uq_users_email_lower", sa.func.lower(sa.column("email")), unique=True),
        sa.CheckConstraint("role IN ('admin', 'user')", name="role"),
        # The users page (newest first) and a month's new drivers.
        sa.Index("ix_users_created_at", "created_at"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    email: orm.Mapped[str] = orm.mapped_column(sa.String(254))
    password_hash: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    full_name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    phone: orm.Mapped[str | None] = orm.mapped_column(sa.String(20))
    pincode: orm.Mapped[str | None] = orm.mapped_column(sa.String(6))
    role: orm.Mapped[str] = orm.mapped_column(sa.String(10), default=ROLE_USER)
    email_notifications: orm.Mapped[bool] = orm.mapped_column(default=True)
    gchat_webhook_url: orm.Mapped[str | None] = orm.mapped_column(sa.String(500))
    last_login_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)
    # Tokens carry the version they were issued under: raising it signs out every device at
    # once (a password reset), except the one token named here (the device that changed it).
    token_version: orm.Mapped[int] = orm.mapped_column(default=0, server_default="0")
    kept_token_jti: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN


class RevokedToken(Base):
    """Access tokens ended by logout, kept until they would have expired anyway."""

    __tablename__ = "revoked_tokens"

    jti: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)
    expires_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, index=True)


class PasswordReset(Base):
    """A mailed password-reset link: single use, valid until `expires_at`; only its hash is kept,
    so a copy of the database opens no account."""

    __tablename__ = "password_resets"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id"), index=True)
    token_hash: orm.Mapped[str] = orm.mapped_column(sa.String(64), unique=True)
    created_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime, default=utcnow)
    expires_at: orm.Mapped[datetime] = orm.mapped_column(UTCDateTime)
    used_at: orm.Mapped[datetime | None] = orm.mapped_column(UTCDateTime)

    user: orm.Mapped[User] = orm.relationship()
