"""Putting a job on the queue from a request: fails fast, with a 503, when Redis is away."""

from __future__ import annotations

import logging

import kombu.exceptions
import redis
from flask import current_app

from parking.errors import DomainError

log = logging.getLogger(__name__)


class QueueUnavailable(DomainError):
    status_code = 503
    message = "The job queue is unreachable right now; please try again in a moment"


def enqueue(task_name: str, *args, **kwargs) -> str:
    """Queue a task by name and return its id; QueueUnavailable when the broker is down."""
    celery = current_app.extensions["celery"]
    try:
        # ignore_result: nothing reads results, and waiting on them would contact Redis again.
        return celery.send_task(
            task_name, args=args, kwargs=kwargs, retry=False, ignore_result=True
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
