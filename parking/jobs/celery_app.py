"""The worker's entry point: `celery -A parking.jobs.celery_app worker` (or `parking worker`)."""

from parking import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
