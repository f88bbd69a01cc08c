"""Jobs an admin runs now: queued with their outcome kept, and that outcome in words."""

from __future__ import annotations

from datetime import datetime

import redis
from celery.result import AsyncResult
from flask import current_app

from parking.errors import NotFound
from parking.queue import QueueUnavailable, enqueue
from parking.redis_client import get_redis

DAILY_REMINDERS = "parking.send_daily_reminders"
MONTHLY_REPORTS = "parking.send_monthly_reports"
KEPT_SECONDS = 24 * 3600  # as long as Celery keeps the result (jobs/__init__.py)


class JobNotFound(NotFound):
    message = "No job with this id was run from here in the last 24 hours"


def _key(task_id: str) -> str:
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:job:{task_id}"


def start(task_name: str, *args) -> dict:
    """Queue a job now and remember it was an admin's, so its outcome can be read."""
    task_id = enqueue(task_name, *args, keep_result=True)
    try:
        get_redis().set(_key(task_id), task_name, ex=KEPT_SECONDS)
    except redis.RedisError as error:  # the broker took the job a moment ago; say so
        raise QueueUnavailable() from error
    return {"task_id": task_id}


def _sent_words(outcome: dict) -> str:
    sent, failed, skipped = (outcome.get(key, 0) for key in ("sent", "failed", "skipped"))
    parts = [f"{sent} message{'' if sent == 1 else 's'} sent"]
    if failed:
        parts.append(f"{failed} failed (see the log below)")
    if skipped:
        parts.append(f"{skipped} already sent before, not sent again")
    return "; ".join(parts)


def _done_message(task_name: str, outcome: dict) -> str:
    if outcome.get("sent", 0) or outcome.get("failed", 0):
        return _sent_words(outcome)
    if task_name == MONTHLY_REPORTS:
        month = datetime.strptime(outcome["month"], "%Y-%m").strftime("%b %Y")  # "Nov 2026"
        return f"Nothing new to send: everyone already got the report for {month}"
    if not outcome.get("reminded"):
        return "Nothing to send: no driver is due a reminder today"
    return "Nothing new to send: everyone due a reminder today already got it"


def status(task_id: str) -> dict:
    """Where an admin's job is: queued, running, done (with what it sent) or failed."""
    try:
        task_name = get_redis().get(_key(task_id))
    except redis.RedisError as error:
        raise QueueUnavailable() from error
    if task_name is None:
        raise JobNotFound()
    task_name = task_name.decode()
    result = AsyncResult(task_id, app=current_app.extensions["celery"])
    state = result.state
    answer = {"task_id": task_id, "sent": 0, "failed": 0, "skipped": 0}
    if state == "SUCCESS":
        outcome = result.result or {}
        answer.update({key: outcome.get(key, 0) for key in ("sent", "failed", "skipped")})
        return {**answer, "status": "done", "message": _done_message(task_name, outcome)}
    if state == "FAILURE":
        return {**answer, "status": "failed", "message": f"The job failed: {result.result}"}
    if state in ("STARTED", "RETRY"):
        retrying = " (some messages could not go out yet; retrying)" if state == "RETRY" else ""
        return {**answer, "status": "running", "message": f"Running{retrying}"}
    return {**answer, "status": "queued", "message": "Waiting for a worker"}
