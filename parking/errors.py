"""Domain errors and the one place that renders every error as JSON."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from apiflask import APIFlask
from apiflask.exceptions import HTTPError
from flask import request

log = logging.getLogger(__name__)

# PostgreSQL: lock not available, serialization failure, deadlock, statement timeout.
_BUSY_SQLSTATES = {"55P03", "40001", "40P01", "57014"}
RETRY_AFTER_SECONDS = 1


class DomainError(HTTPError):
    """A rule of the domain was broken; rendered as `{"message", "detail"}` with `status_code`."""

    status_code = 400
    message = "Bad request"

    def __init__(self, message: str | None = None, detail=None):
        super().__init__(self.status_code, message or self.message, detail=detail or {})


class NotFound(DomainError):
    status_code = 404
    message = "Not found"


class Conflict(DomainError):
    status_code = 409
    message = "Conflict"


class FieldConflict(Conflict):
    """A conflict about one field's value (a vehicle already booked, spots in use): named in
    the message and in `detail`, shaped like a validation error, so the app shows it there."""

    field = ""
    text = "Conflict"

    def __init__(self, text: str | None = None):
        text = text or self.text
        super().__init__(f"{self.field}: {text}", detail={"json": {self.field: [text]}})


class Unprocessable(DomainError):
    status_code = 422
    message = "Invalid input"


def field_error(field: str, message: str) -> Unprocessable:
    """A 422 naming the field, shaped like the schema validation errors."""
    return Unprocessable(f"{field}: {message}", detail={"json": {field: [message]}})


_SCHEMA_MESSAGES = {"Invalid input type.": "The request body must be a JSON object"}


def _first_field_message(detail) -> str | None:
    """'field: message' for the first field in a marshmallow error dict, nested or not."""
    if not isinstance(detail, dict):
        return None
    for location in detail.values():
        if not isinstance(location, dict):
            continue
        for field, messages in location.items():
            while isinstance(messages, dict):
                field, messages = next(iter(messages.items()), (field, None))
            if isinstance(messages, list) and messages:
                text = messages[0]
                if field == "_schema":
                    return _SCHEMA_MESSAGES.get(text, str(text))
                return f"{field}: {text}"
    return None


def database_busy(error: sa.exc.DBAPIError) -> bool:
    """The database was too busy (a lock wait ran out): worth retrying, not a bug."""
    original = error.orig
    if getattr(original, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    return "database is locked" in str(original) or "database table is locked" in str(original)


def init_app(app: APIFlask) -> None:
    @app.errorhandler(sa.exc.DBAPIError)
    def busy_database(error: sa.exc.DBAPIError):
        if not database_busy(error):
            raise error
        log.warning("Database busy, answered 503: %s", error.orig)
        body = {"message": "The service is busy right now; please retry in a moment", "detail": {}}
        return body, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    @app.before_request
    def check_json_bodies():
        if not request.path.startswith("/api/") or not request.get_data():
            return
        # Left alone, a form or plain-text body would be read as "no fields given".
        if not request.is_json:
            raise HTTPError(400, "The request body must be JSON (Content-Type: application/json)")
        # Parsed once here by the strict provider (parking/json_body.py), so that a body too
        # deep, a number too long or broken Unicode is a 422 before any schema sees it.
        request.get_json()

    @app.error_processor
    def render(error: HTTPError):
        message = error.message
        if error.status_code in (400, 422):
            message = _first_field_message(error.detail) or message
        if error.status_code == 400 and message == "Bad Request":
            # Werkzeug's answer to a body that does not parse as JSON.
            message = "The request body is not valid JSON"
        body = {"message": message, "detail": error.detail or {}}
        return body, error.status_code, error.headers
