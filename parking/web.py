"""What every response carries: security headers, a request id, and one access-log line."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, g, request

access_log = logging.getLogger("parking.access")

# The Vue app and /api/docs load scripts only from this origin (no inline script); styles may be
# inline (Vue binds style attributes); nothing may frame the app.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
# A caller's own request id is kept when it looks like one (a proxy's, say).
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}\Z")


def init_app(app: Flask) -> None:
    @app.before_request
    def start_request():
        g.request_started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex

    @app.after_request
    def finish_request(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # API answers carry tokens and personal data: never kept by a browser or a proxy.
        if request.path.startswith("/api/") and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id
        started = g.get("request_started")
        duration = (time.perf_counter() - started) * 1000 if started else 0.0
        access_log.info(
            "%s %s %d %.1fms %s",
            request.method,
            request.full_path.rstrip("?") if request.query_string else request.path,
            response.status_code,
            duration,
            request_id,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration, 1),
                "request_id": request_id,
            },
        )
        return response
