"""Password hashing, access tokens (issue, verify, revoke) and the token auth used by routes."""

from __future__ import annotations

import functools
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import sqlalchemy as sa
from apiflask import HTTPTokenAuth
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g

from parking.auth.models import RevokedToken, User
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
        "iat": now,
        "exp": now + timedelta(seconds=lifetime),
    }
    return jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm="HS256"), lifetime


def decode_token(token: str) -> dict | None:
    try:
        return jwt.decode(
            token,
            current_app.config["SECRET_KEY"],
            algorithms=["HS256"],
            options={"require": ["sub", "jti", "exp"]},
        )
    except jwt.PyJWTError:
        return None


def revoke_token(claims: dict) -> None:
    """Revoke one token (this device only); the caller's unit of work commits it."""
    expires_at = datetime.fromtimestamp(claims["exp"], UTC)
    if db.session.get(RevokedToken, claims["jti"]) is None:
        db.session.add(RevokedToken(jti=claims["jti"], expires_at=expires_at))
    # Expired tokens fail on their own, so their revocations can go.
    db.session.execute(sa.delete(RevokedToken).where(RevokedToken.expires_at < datetime.now(UTC)))


def current_claims() -> dict:
    return g.token_claims  # set by _verify_token for this request


def current_user() -> User:
    return token_auth.current_user


@token_auth.verify_token
def _verify_token(token: str) -> User | None:
    claims = decode_token(token)
    if claims is None or db.session.get(RevokedToken, claims["jti"]) is not None:
        return None
    try:
        user = db.session.get(User, int(claims["sub"]))
    except ValueError:
        return None
    if user is not None:
        g.token_claims = claims
    return user


@token_auth.get_user_roles
def _user_roles(user: User) -> list[str]:
    return [user.role]
