"""Password hashing, access tokens (issue, verify, revoke) and the token auth used by routes."""

from __future__ import annotations

import functools
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import sqlalchemy as sa
from apiflask import HTTPError, HTTPTokenAuth
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g

from parking.auth.models import RevokedToken, User
from parking.db import MAX_ID
from parking.extensions import db

token_auth = HTTPTokenAuth(scheme="Bearer", description="Access token from POST /api/auth/login")


@functools.cache
def _hasher_and_dummy(profile: str) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher.from_parameters(getattr(profiles, profile))
    # Verifying against this when the e-mail is unknown makes both failures take the same time.
    return hasher, hasher.hash("not-a-real-password")


def _hasher() -> tuple[PasswordHasher, str]:
    return _hasher_and_dummy(current_app.config["ARGON2_PROFILE"])


def hash_password(password: str) -> str:
    hasher, _ = _hasher()
    return hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher, dummy = _hasher()
    try:
        return hasher.verify(password_hash or dummy, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def issue_token(user: User) -> tuple[str, int]:
    """A signed access token for `user` and its lifetime in seconds."""
    lifetime = current_app.config["ACCESS_TOKEN_MINUTES"] * 60
    now = datetime.now(UTC)
    claims = {
        "sub": str(user.id),
        "role": user.role,
        "jti": str(uuid.uuid4()),
        # Raising the account's version (a password reset) ends every token issued before.
        "ver": user.token_version,
        "iat": now,
        "exp": now + timedelta(seconds=lifetime),
    }
    return jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm="HS256"), lifetime


# Why a request was not signed in, in words a person can act on (the app shows them).
_UNAUTHORIZED = {
    "missing": "Sign in first: send Authorization: Bearer <access token>",
    "invalid": "The access token is not valid; please sign in again",
    "expired": "Your session has expired; please sign in again",
    "revoked": "You signed out of this session; please sign in again",
    "password_changed": "Your password was changed; please sign in again with the new one",
}


def decode_token(token: str) -> dict | None:
    """The token's claims, or None (and the reason in `g.auth_failure`) when it is unusable."""
    try:
        return jwt.decode(
            token,
            current_app.config["SECRET_KEY"],
            algorithms=["HS256"],
            options={"require": ["sub", "jti", "exp"]},
        )
    except jwt.ExpiredSignatureError:
        g.auth_failure = "expired"
    except jwt.PyJWTError:
        g.auth_failure = "invalid"
    return None


def revoke_token(claims: dict) -> None:
    """Revoke one token (this device only); the caller's unit of work commits it."""
    expires_at = datetime.fromtimestamp(claims["exp"], UTC)
    if db.session.get(RevokedToken, claims["jti"]) is None:
        db.session.add(RevokedToken(jti=claims["jti"], expires_at=expires_at))
    # Expired tokens fail on their own, so their revocations can go.
    db.session.execute(sa.delete(RevokedToken).where(RevokedToken.expires_at < datetime.now(UTC)))


def token_is_current(user: User, claims: dict) -> bool:
    """Issued under the account's present token version, or the one token kept at a change."""
    return claims.get("ver", 0) == user.token_version or claims["jti"] == user.kept_token_jti


def revoke_all_tokens(user: User, *, keep: dict | None = None) -> None:
    """End every token of the user (all devices), except the one whose claims are `keep`."""
    user.token_version += 1
    user.kept_token_jti = keep["jti"] if keep else None


def current_claims() -> dict:
    return g.token_claims  # set by _verify_token for this request


def current_user() -> User:
    return token_auth.current_user


@token_auth.verify_token
def _verify_token(token: str) -> User | None:
    if not token:
        g.auth_failure = "missing"
        return None
    claims = decode_token(token)
    if claims is None:
        return None
    g.auth_failure = "invalid"
    subject = str(claims["sub"])
    if not subject.isdigit() or not 0 < int(subject) <= MAX_ID:
        return None  # no such account (and too large a number for the database)
    revoked = sa.select(RevokedToken.jti).where(RevokedToken.jti == claims["jti"]).exists()
    # One query on every signed-in request: the account, and whether this token was revoked.
    row = db.session.execute(sa.select(User, revoked).where(User.id == int(subject))).first()
    if row is None:
        return None  # the account is gone
    user, is_revoked = row
    if is_revoked:
        g.auth_failure = "revoked"
        return None
    if not token_is_current(user, claims):
        g.auth_failure = "password_changed"
        return None
    g.token_claims = claims
    g.pop("auth_failure")
    return user


@token_auth.error_handler
def _auth_error(status_code: int):
    """401s say why (missing, invalid, expired, revoked), and nothing more; 403s what is needed."""
    if status_code == 401:
        reason = g.get("auth_failure", "missing")
        error = HTTPError(401, _UNAUTHORIZED[reason], detail={"reason": reason})
    else:
        error = HTTPError(status_code, "Your account's role may not do this")
    return current_app.error_callback(error)


@token_auth.get_user_roles
def _user_roles(user: User) -> list[str]:
    return [user.role]
