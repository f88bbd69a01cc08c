"""Logging for every `parking` process: LOG_LEVEL, and LOG_FORMAT=json for deployments.

One access line per request comes from `parking.web`; job modules log only when a job did
something. The chatter of libraries below us is kept at warnings: fontTools logs each font
subsetting step, Celery each task it received and finished.
"""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter

QUIET = ["fontTools", "celery.app.trace", "celery.worker.strategy", "celery.beat"]
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
