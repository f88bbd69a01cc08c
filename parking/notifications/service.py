"""Sending notifications at most once per recipient, kind, channel and period, with a log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from parking.auth.models import User
from parking.db import utcnow
from parking.extensions import db, transactional
from parking.notifications.channels import (
    Attachment,
    DeliveryError,
    TransientDeliveryError,
    post_gchat,
    send_email,
    webhook_host_allowed,
)
from parking.notifications.models import EMAIL, FAILED, GCHAT, SENDING, SENT, Notification
from parking.pagination import paginate

log = logging.getLogger(__name__)

ADMINS_SPACE = "admins-space"
SKIPPED = "skipped"


# A claim still `sending` after this was cut short (the worker died before it logged the
# outcome): it is shown as failed and claimed again by the next try.
STALE_CLAIM = timedelta(minutes=5)
INTERRUPTED = "interrupted before the outcome was logged; it will be retried"


def _stale_claim():
    return sa.and_(Notification.status == SENDING, Notification.created_at < utcnow() - STALE_CLAIM)


def _retryable():
    return sa.or_(Notification.status == FAILED, _stale_claim())


@transactional
def _claim(*, user_id, recipient: str, channel: str, kind: str, period: str) -> Notification | None:
    """Record the send before it happens; None when it was sent (or is being sent) already.

    The unique constraint makes the claim safe between concurrent workers; a failed earlier
    attempt is claimed again, so a retry re-sends only what did not go out.
    """
    row = Notification(
        user_id=user_id, recipient=recipient, channel=channel, kind=kind, period=period
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
        return row
    except sa.exc.IntegrityError:
        pass
    retried = db.session.execute(
        sa.update(Notification)
        .where(
            Notification.recipient == recipient,
            Notification.channel == channel,
            Notification.kind == kind,
            Notification.period == period,
            _retryable(),
        )
        .values(status=SENDING, detail=None, created_at=utcnow())
        .returning(Notification.id)
    ).scalar_one_or_none()
    return db.session.get(Notification, retried) if retried is not None else None


@transactional
def _finish(row: Notification, status: str, detail: str | None) -> None:
    row.status = status
    row.detail = detail[:1000] if detail else None


def deliver(
    *,
    user: User | None,
    channel: str,
    kind: str,
    period: str,
    send: Callable[[], None],
    detail: str | None = None,
) -> str:
    """Send one message unless it already went out; returns sent, failed or skipped.

    A transient failure is logged as failed and raised again, so the calling task retries;
    the retry skips every message already sent.
    """
    recipient = f"user:{user.id}" if user is not None else ADMINS_SPACE
    row = _claim(
        user_id=user.id if user else None,
        recipient=recipient,
        channel=channel,
        kind=kind,
        period=period,
    )
    if row is None:
        return SKIPPED
    try:
        send()
    except DeliveryError as error:
        _finish(row, FAILED, str(error))
        log.warning("%s %s to %s failed: %s", kind, channel, recipient, error)
        if error.transient:
            raise
        return FAILED
    _finish(row, SENT, detail)
    return SENT


def notify_user(
    *,
    user: User,
    kind: str,
    period: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: tuple[Attachment, ...] = (),
    gchat_text: str | None = None,
) -> dict[str, str]:
    """E-mail a user (if they want e-mail) and post to their Google Chat (if set and given).

    Returns the outcome per channel. Transient failures on one channel do not stop the
    other; the first is raised once both were tried.
    """
    senders = {}
    if user.email_notifications:
        senders[EMAIL] = lambda: send_email(
            to=user.email, subject=subject, text=text, html=html, attachments=attachments
        )
    if gchat_text and user.gchat_webhook_url:
        url = user.gchat_webhook_url
        senders[GCHAT] = lambda: _post_driver_webhook(url, gchat_text)
    outcomes: dict[str, str] = {}
    pending_error: DeliveryError | None = None
    for channel, send in senders.items():
        try:
            outcomes[channel] = deliver(
                user=user, channel=channel, kind=kind, period=period, send=send, detail=subject
            )
        except DeliveryError as error:
            outcomes[channel], pending_error = FAILED, error
    if pending_error is not None:
        raise pending_error
    return outcomes


class Deliveries:
    """A job's messages: how many went out per outcome, and the transient failures, raised once
    every message was tried, so the task's retry sends exactly what did not go out."""

    def __init__(self):
        self.outcomes: dict[str, int] = {}
        self.failures: list[TransientDeliveryError] = []

    def attempt(self, notify: Callable, **message) -> None:
        """Send with `notify_user` (its outcomes are counted) or `notify_admins_space`."""
        try:
            sent = notify(**message)
        except TransientDeliveryError as error:
            self.failures.append(error)
            return
        for outcome in sent.values() if isinstance(sent, dict) else [sent] if sent else ():
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def finish(self) -> dict[str, int]:
        if self.failures:
            raise self.failures[0]
        return self.outcomes


def _post_driver_webhook(url: str, text: str) -> None:
    # The allow-list may have changed since the driver saved the URL: check at send time too.
    if not webhook_host_allowed(url):
        raise DeliveryError("webhook host is not in WEBHOOK_ALLOWED_HOSTS")
    post_gchat(url, text)


def notify_admins_space(*, kind: str, period: str, text: str) -> str | None:
    """Post to the operators' Google Chat space (GCHAT_WEBHOOK_URL), once per kind and period."""
    url = current_app.config["GCHAT_WEBHOOK_URL"]
    if not url:
        return None
    return deliver(
        user=None, channel=GCHAT, kind=kind, period=period, send=lambda: post_gchat(url, text)
    )


def get_all(*, page: int, per_page: int) -> dict:
    """The notification log, newest first; messages being sent right now are not listed yet,
    and one whose sending was cut short shows as failed."""
    query = (
        sa.select(Notification)
        .options(orm.joinedload(Notification.user))
        .where(sa.or_(Notification.status != SENDING, _stale_claim()))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    page_of = paginate(query, page=page, per_page=per_page)
    for row in page_of["items"]:
        if row.status == SENDING:
            db.session.expunge(row)  # shown as what it is to a reader; never written back
            row.status, row.detail = FAILED, INTERRUPTED
    return page_of
