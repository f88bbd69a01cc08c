"""The password-reset mail: a new single-use link, sent whatever `email_notifications` says
(the driver asked for it)."""

from __future__ import annotations

from flask import current_app

from parking.auth.service import new_password_reset
from parking.notifications.channels import send_email
from parking.notifications.models import EMAIL, PASSWORD_RESET
from parking.notifications.service import deliver
from parking.reports import render


def send_password_reset(*, user_id: int) -> str:
    """Make a reset link for the user and mail it; sent, failed or skipped."""
    user, reset_id, token = new_password_reset(user_id=user_id)
    config = current_app.config
    link = f"{config['PUBLIC_URL'].rstrip('/')}/reset-password?token={token}"
    subject, text, html = render.password_reset_email(user, link, config["PASSWORD_RESET_MINUTES"])
    return deliver(
        user=user,
        channel=EMAIL,
        kind=PASSWORD_RESET,
        period=f"reset:{reset_id}",
        send=lambda: send_email(to=user.email, subject=subject, text=text, html=html),
        detail=subject,
    )
