"""Logging for every `parking` process: LOG_LEVEL, and LOG_FORMAT=json for deployments.

One access line per request comes from `parking.web`; job modules log only when a job did
something. The chatter of libraries below us is kept at warnings: fontTools logs each font
subsetting step, Celery each task it received and finished, Alembic each plugin it loads and
each migration it checks at every start.
"""

from __future__ import annotations

import logging
import warnings

from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.exc import SAWarning

QUIET = [
    "fontTools",
    "celery.app.trace",
    "celery.worker.strategy",
    "celery.beat",
    "alembic",
    "flask_migrate",
]
# SQLite's batch migrations reflect the users table, whose lower(email) index SQLAlchemy cannot
# reflect; the migrations recreate that index themselves, so the warning tells nobody anything.
UNSUPPORTED_INDEX = r"Skipped unsupported reflection of expression-based index"


def quiet_migrations() -> None:
    """Keep the warnings a migration run prints at every start out of the log."""
    warnings.filterwarnings("ignore", message=UNSUPPORTED_INDEX, category=SAWarning)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level: str = "INFO", format: str = "text") -> None:
    handler = logging.StreamHandler()
    if format == "json":
        handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
    quiet_migrations()
