"""The job queue, shared by every domain: putting a job on it from a request (fails fast, with a
503, when Redis is away) and the retry policy of jobs that deliver messages."""

from __future__ import annotations

import logging

import kombu.exceptions
import redis
from flask import current_app

from parking.errors import DomainError
from parking.notifications.channels import TransientDeliveryError

log = logging.getLogger(__name__)

# Passing failures (SMTP down, webhook 5xx) are retried with growing pauses; what was sent
# before the failure is skipped on the retry.
RETRY = {
    "autoretry_for": (TransientDeliveryError,),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}


class QueueUnavailable(DomainError):
    status_code = 503
    message = "The job queue is unreachable right now; please try again in a moment"


def enqueue(task_name: str, *args, keep_result: bool = False, **kwargs) -> str:
    """Queue a task by name and return its id; QueueUnavailable when the broker is down.
    `keep_result`: its outcome is stored (24 h) for someone to read, e.g. an admin's run-now."""
    celery = current_app.extensions["celery"]
    try:
        # Most results are read by nobody, and storing them would contact Redis again.
        return celery.send_task(
            task_name, args=args, kwargs=kwargs, retry=False, ignore_result=not keep_result
        ).id
    except (kombu.exceptions.OperationalError, redis.RedisError, OSError) as error:
        log.warning("Could not queue %s: %s", task_name, error)
        raise QueueUnavailable() from error


def enqueue_quietly(task_name: str, *args) -> str | None:
    """Queue a follow-up that must not fail the request that caused it (e.g. a receipt)."""
    try:
        return enqueue(task_name, *args)
    except QueueUnavailable:
        return None
