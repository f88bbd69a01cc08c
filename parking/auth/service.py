"""Accounts: registration, sign-in, sign-out, profile, and the admin account from settings."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from parking import changes
from parking.auth import passwords, throttle
from parking.auth.errors import EmailTaken, InvalidCredentials
from parking.auth.models import ROLE_ADMIN, ROLE_USER, User
from parking.db import utcnow
from parking.errors import field_error
from parking.extensions import db, transactional
from parking.security import hash_password, issue_token, revoke_token, verify_password


def get_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))


def register(*, email: str, password: str, full_name: str, phone=None, pincode=None) -> User:
    """Create a driver account; the role is always `user`."""
    passwords.check(password, email=email)
    # Hashing is the slow part: done before the unit of work, it holds no database lock.
    return _add_driver(
        email=email,
        password_hash=hash_password(password),
        full_name=full_name,
        phone=phone,
        pincode=pincode,
    )


@transactional
def _add_driver(*, email: str, password_hash: str, full_name: str, phone, pincode) -> User:
    if get_by_email(email) is not None:
        raise EmailTaken()
    user = User(
        email=email,
        password_hash=password_hash,
        full_name=full_name,
        phone=phone,
        pincode=pincode,
        role=ROLE_USER,
    )
    db.session.add(user)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # a concurrent registration of the same address won
        raise EmailTaken() from None
    changes.users_changed()
    return user


def login(*, email: str, password: str, address: str) -> dict:
    """Check the credentials and issue an access token; the same error for any wrong part.

    The attempt counts toward the failed sign-in limits before the password is checked, and is
    taken back once it succeeds.
    """
    throttle.count_attempt(email=email, address=address)
    user = get_by_email(email)  # a read: verifying the hash below holds no write lock
    if not verify_password(user.password_hash if user else None, password):
        raise InvalidCredentials()
    throttle.forgive_attempt(email=email, address=address)
    user = _record_sign_in(user.id)
    token, lifetime = issue_token(user)
    return {"access_token": token, "token_type": "Bearer", "expires_in": lifetime, "user": user}


@transactional
def _record_sign_in(user_id: int) -> User:
    user = db.session.get(User, user_id)
    user.last_login_at = utcnow()
    return user


@transactional
def logout(*, claims: dict) -> None:
    """Revoke the token of this request only; the user's other devices stay signed in."""
    revoke_token(claims)


def check_webhook_url(url: str | None) -> None:
    """A driver's webhook may only name a host in WEBHOOK_ALLOWED_HOSTS (no requests elsewhere)."""
    if url is None:
        return
    host = (urlsplit(url).hostname or "").lower()
    if host not in current_app.config["WEBHOOK_ALLOWED_HOSTS"]:
        allowed = ", ".join(current_app.config["WEBHOOK_ALLOWED_HOSTS"])
        raise field_error("gchat_webhook_url", f"host must be one of: {allowed}")


@transactional
def update_profile(*, user: User, **changes) -> User:
    """Change the editable parts of a profile (never the role or the e-mail)."""
    if "gchat_webhook_url" in changes:
        check_webhook_url(changes["gchat_webhook_url"])
    for name, value in changes.items():
        setattr(user, name, value)
    return user


@transactional
def ensure_admin(*, email: str, password: str | None) -> tuple[User, str | None]:
    """Create the admin account, or make sure it is one; returns it with any generated password."""
    generated = None
    user = get_by_email(email)
    if user is None:
        if password is None:
            password = generated = secrets.token_urlsafe(12)
        user = User(
            email=email,
            password_hash=hash_password(password),
            full_name="Administrator",
            role=ROLE_ADMIN,
        )
        db.session.add(user)
    else:
        user.role = ROLE_ADMIN
        if password is not None and not verify_password(user.password_hash, password):
            user.password_hash = hash_password(password)
    db.session.flush()
    return user, generated
