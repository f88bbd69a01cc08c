"""The published OpenAPI document is valid, and /api/docs renders it in a real browser, offline."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from openapi_spec_validator import validate

CHROMIUM = Path("/usr/bin/chromium")
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def published(app) -> dict:
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_document_passes_the_openapi_validator(app):
    document = published(app)
    validate(document)  # raises, naming the first problem
    names = [tag["name"] for tag in document["tags"]]
    assert len(names) == len(set(names)), names


def test_the_docs_page_loads_nothing_from_another_site(app):
    page = app.test_client().get("/api/docs")
    assert page.status_code == 200
    links = re.findall(r'(?:src|href)="([^"]+)"', page.get_data(as_text=True))
    assert links and all(link.startswith("/api/docs/") for link in links), links
    for link in links:
        assert app.test_client().get(link).status_code == 200, link


def rendered_dom(url: str) -> str:
    """The page's DOM once its scripts have run and its requests are answered."""
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
        pytest.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    result = subprocess.run(
        [str(CHROMIUM), *flags, "--virtual-time-budget=20000", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_the_docs_page_renders_every_operation_in_chromium(app, live_server):
    operations = sorted(
        (method.upper(), path)
        for path, item in published(app)["paths"].items()
        for method in item
        if method in METHODS
    )
    dom = rendered_dom(f"{live_server.url}/api/docs")
    assert "Unable to render this definition" not in dom
    shown = re.findall(
        r'class="opblock-summary-method">(\w+)</span>.*?data-path="([^"]+)"', dom, flags=re.S
    )
    assert sorted(shown) == operations
