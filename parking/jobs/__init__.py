"""Background jobs: Celery bound to the Flask app, on the Redis broker."""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask

from parking.config import DEFAULT_REDIS_URL
from parking.jobs.schedule import beat_schedule

# Modules whose @shared_task functions the worker must know.
TASK_MODULES = [
    "parking.reservations.tasks",
    "parking.jobs.tasks",
    "parking.exports.tasks",
]


def init_app(app: Flask) -> Celery:
    """Create the Celery app for this Flask app; every task runs inside its app context."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config["REDIS_URL"] or DEFAULT_REDIS_URL
    celery = Celery(app.import_name, task_cls=FlaskTask)
    celery.conf.update(
        broker_url=broker,
        result_backend=broker,
        result_expires=24 * 3600,
        include=TASK_MODULES,
        task_default_queue=app.config["CELERY_QUEUE"],
        # A job is acknowledged only once done, and goes back on the queue when the worker
        # running it dies: nothing is lost; tasks are written to be safe to run twice.
        task_acks_late=True,
        # An admin watching a run-now job sees it running (jobs/runs.py).
        task_track_started=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        # `parking worker` sets up logging itself (parking/logs.py: LOG_LEVEL, LOG_FORMAT).
        worker_hijack_root_logger=False,
        broker_connection_timeout=3,
        # Publishing gives up quickly when Redis is away (the request answers 503); workers
        # reconnect by their own, patient policy (broker_connection_max_retries).
        broker_transport_options={
            "visibility_timeout": 3600,
            "max_retries": 1,
            "interval_start": 0,
            "socket_connect_timeout": 2,
        },
        timezone=app.config["APP_TIMEZONE"],
        enable_utc=True,
        beat_schedule=beat_schedule(app.config),
        beat_schedule_filename=str(app.config["VAR_DIR"] / "celerybeat-schedule"),
    )
    celery.set_default()
    app.extensions["celery"] = celery
    return celery
