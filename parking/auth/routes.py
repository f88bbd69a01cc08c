from apiflask import APIBlueprint
from flask import current_app
from flask_limiter.util import get_remote_address

from parking.auth import service
from parking.auth.schemas import LoginIn, ProfileIn, RegisterIn, TokenOut, UserOut
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
