"""The ways a message leaves the app: e-mail over SMTP and Google Chat webhooks."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import urlsplit

import requests
from flask import current_app


class DeliveryError(Exception):
    """A message could not be delivered; `transient` ones are worth retrying later."""

    transient = False


class TransientDeliveryError(DeliveryError):
    transient = True


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/pdf"


def _domain(address: str) -> str:
    """`parking.example.com` of `Parking <no-reply@parking.example.com>`."""
    return parseaddr(address)[1].rpartition("@")[2] or "localhost"


def send_email(
    *, to: str, subject: str, text: str, html: str | None = None, attachments=()
) -> None:
    """Send one e-mail through the configured SMTP server."""
    config = current_app.config
    if not config["SMTP_HOST"]:
        raise DeliveryError("SMTP_HOST is not set")
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    # Spam filters mark down mail without these; the id is unique to this one message.
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=_domain(config["MAIL_FROM"]))
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        maintype, subtype = attachment.mimetype.split("/")
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context(cafile=config["CA_BUNDLE"]))
            if config["SMTP_USER"]:
                smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
            smtp.send_message(message)
    except smtplib.SMTPResponseException as error:
        # 4xx replies are temporary by definition (mailbox busy, greylisting); 5xx are final.
        kind = TransientDeliveryError if 400 <= error.smtp_code < 500 else DeliveryError
        raise kind(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
    except smtplib.SMTPRecipientsRefused as error:
        raise DeliveryError(f"recipient refused: {error.recipients}") from error
    except (OSError, smtplib.SMTPException) as error:
        raise TransientDeliveryError(f"SMTP server unreachable: {error}") from error


def webhook_host_allowed(url: str) -> bool:
    """Drivers' webhooks may only name hosts in WEBHOOK_ALLOWED_HOSTS (compared without port)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and host in current_app.config["WEBHOOK_ALLOWED_HOSTS"]


def post_gchat(url: str, text: str) -> None:
    """Post a message to a Google Chat incoming webhook."""
    try:
        response = requests.post(
            url,
            json={"text": text},
            timeout=15,
            allow_redirects=False,  # a redirect could lead anywhere, past the host allow-list
            verify=current_app.config["CA_BUNDLE"] or True,
        )
    except requests.RequestException as error:
        raise TransientDeliveryError(f"webhook unreachable: {error}") from error
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientDeliveryError(f"webhook answered {response.status_code}")
    if response.status_code >= 300:
        raise DeliveryError(f"webhook answered {response.status_code}")
