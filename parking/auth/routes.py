from apiflask import APIBlueprint
from flask import current_app
from flask_limiter.util import get_remote_address

from parking.auth import service
from parking.auth.schemas import (
    LoginIn,
    PasswordChangeIn,
    PasswordResetConfirmIn,
    PasswordResetIn,
    PasswordResetOut,
    ProfileIn,
    RegisterIn,
    TokenOut,
    UserOut,
)
from parking.extensions import limiter
from parking.security import current_claims, current_user, token_auth

bp = APIBlueprint("auth", __name__, url_prefix="/api/auth", tag="Auth")


@bp.post("/register")
@limiter.limit(
    lambda: current_app.config["REGISTRATION_RATE_LIMIT"],
    key_func=lambda: f"register:{get_remote_address()}",
)
@bp.input(RegisterIn)
@bp.output(UserOut, status_code=201)
@bp.doc(responses={409: "E-mail already registered", 429: "Too many registrations"})
def register(json_data):
    """Register as a driver"""
    return service.register(**json_data)


@bp.post("/login")
@bp.input(LoginIn)
@bp.output(TokenOut)
@bp.doc(responses={401: "Wrong e-mail or password", 429: "Too many failed attempts"})
def login(json_data):
    """Sign in and get an access token"""
    return service.login(address=get_remote_address(), **json_data)


@bp.post("/logout")
@bp.auth_required(token_auth)
@bp.output({}, status_code=204)
def logout():
    """Sign out this device (revokes the token)"""
    service.logout(claims=current_claims())
    return ""


@bp.get("/me")
@bp.auth_required(token_auth)
@bp.output(UserOut)
def get_me():
    """Your profile"""
    return current_user()


@bp.patch("/me")
@bp.auth_required(token_auth)
@bp.input(ProfileIn)
@bp.output(UserOut)
def update_me(json_data):
    """Edit your profile"""
    return service.update_profile(user=current_user(), **json_data)


@bp.post("/password")
@bp.auth_required(token_auth)
@bp.input(PasswordChangeIn)
@bp.output({}, status_code=204)
@bp.doc(responses={422: "Wrong current password, or a new password registration would refuse"})
def change_password(json_data):
    """Change your password (your other devices are signed out)"""
    service.change_password(user=current_user(), claims=current_claims(), **json_data)
    return ""


@bp.post("/password-reset")
@bp.input(PasswordResetIn)
@bp.output(PasswordResetOut, status_code=202)
@bp.doc(responses={429: "Too many reset links asked for"})
def request_password_reset(json_data):
    """Mail a link to set a new password (the answer is the same for any e-mail)"""
    return service.request_password_reset(address=get_remote_address(), **json_data)


@bp.post("/password-reset/confirm")
@bp.input(PasswordResetConfirmIn)
@bp.output({}, status_code=204)
@bp.doc(responses={422: "Unknown, used or expired link, or a password registration would refuse"})
def confirm_password_reset(json_data):
    """Set a new password with a mailed reset link (every device is signed out)"""
    service.confirm_password_reset(**json_data)
    return ""
