"""Accounts: registration, sign-in, sign-out, profile, and the admin account from settings."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from parking import changes
from parking.auth import passwords, throttle
from parking.auth.errors import EmailTaken, InvalidCredentials
from parking.auth.models import ROLE_ADMIN, ROLE_USER, PasswordReset, User
from parking.db import utcnow
from parking.errors import field_error
from parking.extensions import db, transactional
from parking.queue import enqueue_quietly
from parking.security import (
    hash_password,
    issue_token,
    revoke_all_tokens,
    revoke_token,
    verify_password,
)

# The task that makes a reset link and mails it (parking/jobs/tasks.py).
SEND_PASSWORD_RESET = "parking.send_password_reset"
RESET_REQUESTED = (
    "If an account uses that e-mail, a link to set a new password is on its way. "
    "Check your inbox (and spam folder)."
)


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


def change_password(*, user: User, claims: dict, current_password: str, new_password: str):
    """Set a new password; every other device is signed out, this one stays signed in."""
    if not verify_password(user.password_hash, current_password):
        raise field_error("current_password", "This is not your current password.")
    passwords.check(new_password, email=user.email, field="new_password")
    _set_password(user.id, hash_password(new_password), keep=claims)


@transactional
def _set_password(user_id: int, password_hash: str, *, keep: dict | None = None) -> User:
    user = db.session.get(User, user_id)
    user.password_hash = password_hash
    revoke_all_tokens(user, keep=keep)
    return user


def request_password_reset(*, email: str, address: str) -> dict:
    """Mail a reset link to the account with this e-mail, if there is one; the answer is the
    same either way, so it tells nobody which e-mails have accounts."""
    throttle.count_reset_request(email=email, address=address)
    user = get_by_email(email)
    if user is not None:
        # The worker makes the link, so the token exists only in the database (hashed) and
        # in the mail.
        enqueue_quietly(SEND_PASSWORD_RESET, user.id)
    return {"message": RESET_REQUESTED}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transactional
def new_password_reset(*, user_id: int) -> tuple[User, int, str]:
    """A single-use reset token for the user, valid PASSWORD_RESET_MINUTES, with the user and
    the row's id; only the token's hash is stored."""
    user = db.session.get(User, user_id)
    token = secrets.token_urlsafe(32)
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    reset = PasswordReset(
        user_id=user.id,
        token_hash=_token_hash(token),
        created_at=utcnow(),
        expires_at=utcnow() + timedelta(minutes=minutes),
    )
    db.session.add(reset)
    db.session.flush()
    return user, reset.id, token


def confirm_password_reset(*, token: str, password: str) -> None:
    """Set the password a reset link was mailed for; every token of the user ends, and the
    e-mail's failed sign-ins are forgotten."""
    reset = _usable_reset(token)
    passwords.check(password, email=reset.user.email)
    email = _use_reset(reset.id, hash_password(password))
    throttle.clear_failures(email=email)


def _usable_reset(token: str) -> PasswordReset:
    reset = db.session.scalar(
        sa.select(PasswordReset).where(PasswordReset.token_hash == _token_hash(token))
    )
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow():
        raise field_error(
            "token", "This reset link is unknown, used or expired. Ask for a new one."
        )
    return reset


@transactional
def _use_reset(reset_id: int, password_hash: str) -> str:
    # Claimed with one conditional UPDATE, so two uses of one link at once set it once.
    used = db.session.execute(
        sa.update(PasswordReset)
        .where(
            PasswordReset.id == reset_id,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > utcnow(),
        )
        .values(used_at=utcnow())
        .returning(PasswordReset.user_id)
    ).scalar_one_or_none()
    if used is None:
        raise field_error(
            "token", "This reset link is unknown, used or expired. Ask for a new one."
        )
    # The user's other links end too: the one that was used is the answer to all of them.
    db.session.execute(
        sa.update(PasswordReset)
        .where(PasswordReset.user_id == used, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow())
    )
    return _set_password(used, password_hash).email


def set_password(*, email: str, password: str) -> User:
    """The operator's way back in (`parking set-password`): any account's password, set
    directly; every token of the account ends and its lockout is cleared."""
    user = get_by_email(email)
    if user is None:
        raise field_error("email", "No account uses this e-mail.")
    passwords.check(password, email=user.email)
    user = _set_password(user.id, hash_password(password))
    throttle.clear_failures(email=user.email)
    return user
