"""Parking: a vehicle parking management app (Flask API + Vue front end)."""

from __future__ import annotations

import logging
from pathlib import Path

from apiflask import APIFlask
from flask import send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, PathConverter

from parking.config import Settings
from parking.db import MAX_ID
from parking.json_body import StrictJSONProvider

log = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
STATIC_DIR = PACKAGE_DIR / "static"  # the Vue build (frontend/vite.config.js), not in git
FRONT_END_MISSING = PACKAGE_DIR / "templates" / "front_end_not_built.html"


def create_app(settings: Settings | None = None) -> APIFlask:
    """Build the app: bind extensions and blueprints. Connects to nothing and migrates nothing."""
    from parking import errors, jobs, models, openapi, web  # noqa: F401 - models: whole schema
    from parking.extensions import db, limiter, migrate

    settings = settings or Settings()
    app = APIFlask(
        __name__,
        title="Parking API",
        version="1.0",
        spec_path="/api/openapi.json",
        docs_path="/api/docs",
        docs_ui="swagger-ui",
        docs_oauth2_redirect_path="/api/docs/oauth2-redirect",
        static_folder=None,
    )
    app.json = StrictJSONProvider(app)
    app.config.update({k: v for k, v in vars(settings).items() if k.isupper()})
    app.config.update(settings.flask_config())
    app.config["DESCRIPTION"] = "Parking lots, spots, bookings and billing. Sign in with "
    app.config["DESCRIPTION"] += "POST /api/auth/login and send `Authorization: Bearer <token>`."
    if settings.TRUSTED_PROXIES:
        proxies = settings.TRUSTED_PROXIES
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True
    )
    limiter.init_app(app)
    errors.init_app(app)
    web.init_app(app)
    jobs.init_app(app)
    openapi.init_app(app)
    _register_converters(app)
    _register_blueprints(app)
    _register_docs_assets(app)
    _register_front_end(app)
    log.info("Redis at %s: cache, rate limits, live events and the job queue", settings.redis_url)
    return app


def _register_converters(app: APIFlask) -> None:
    app.url_map.converters["int"] = _IdConverter
    app.url_map.converters["outside_api"] = _OutsideApiPath


def _register_blueprints(app: APIFlask) -> None:
    from parking.auth.routes import bp as auth
    from parking.events.routes import bp as events
    from parking.exports.routes import bp as exports
    from parking.health.routes import bp as health
    from parking.jobs.routes import bp as jobs
    from parking.lots.routes import bp as lots
    from parking.meta.routes import bp as meta
    from parking.notifications.routes import bp as notifications
    from parking.reports.routes import bp as receipts
    from parking.reservations.routes import bp as reservations
    from parking.summaries.routes import bp as summaries

    blueprints = [auth, lots, reservations, receipts, summaries, exports, jobs, notifications]
    for blueprint in [*blueprints, events, health]:
        app.register_blueprint(blueprint)
    app.register_blueprint(meta)


def _register_docs_assets(app: APIFlask) -> None:
    """Serve Swagger UI from the installed package, so /api/docs works without internet access."""
    import swagger_ui_bundle

    page = PACKAGE_DIR / "templates" / "api_docs"

    @app.get("/api/docs/assets/<path:filename>")
    @app.doc(hide=True)
    def docs_asset(filename: str):
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)

    @app.get("/api/docs/initializer.js")
    @app.doc(hide=True)
    def docs_initializer():
        return send_from_directory(page, "initializer.js")

    def docs_page():
        return send_from_directory(page, "index.html")

    # APIFlask's page starts Swagger UI with an inline script, which the Content-Security-Policy
    # (script-src 'self') blocks; this one loads it from a file.
    app.view_functions["openapi.docs"] = docs_page


class _IdConverter(IntegerConverter):
    """`<int:...>` in routes: an id too large to exist names nothing, whatever the method."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > MAX_ID:
            raise NotFound()  # rather than overflow the database driver
        return number


class _OutsideApiPath(PathConverter):
    """Any path but `/api` and `/api/...`: those stay with the API, so an unknown one is a JSON
    404 and a known one asked with the wrong method a 405 whose `Allow` lists only its own."""

    regex = r"(?!api(?:/|$))[^/].*?"


def _register_front_end(app: APIFlask) -> None:
    """Serve the built Vue app (`npm run build` writes it to STATIC_DIR): files as they are, any
    other path outside /api gets index.html, so history-mode routes like /admin/lots load it."""
    static_dir = Path(app.config.get("FRONT_END_DIR") or STATIC_DIR)

    @app.get("/", defaults={"path": ""})
    @app.get("/<outside_api:path>")
    @app.doc(hide=True)
    def front_end(path: str):
        if path and (static_dir / path).is_file():
            response = send_from_directory(static_dir, path)
            if path.startswith("assets/"):
                # Vite puts a content hash in every asset name: a new build means new names.
                response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
            return response
        if path.startswith("assets/"):
            raise NotFound()  # an old page asking for a replaced asset: not index.html as JS
        if (static_dir / "index.html").is_file():
            response = send_from_directory(static_dir, "index.html")
        else:
            response = app.response_class(FRONT_END_MISSING.read_text(), mimetype="text/html")
        # Always revalidated, so a new build reaches everyone on their next visit.
        response.headers["Cache-Control"] = "no-cache"
        return response
