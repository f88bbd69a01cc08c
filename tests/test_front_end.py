"""How `parking serve` serves the Vue build: app routes get index.html, hashed assets are cached
for a year, and without a build a page that says how to build it."""

import pytest

from parking import STATIC_DIR, create_app
from parking.config import TestSettings

INDEX = '<!doctype html><html><body><div id="app"></div></body></html>'


def _client(tmp_path, front_end_dir):
    settings = TestSettings(VAR_DIR=tmp_path / "var", SECRET_KEY="x", FRONT_END_DIR=front_end_dir)
    return create_app(settings).test_client()


@pytest.fixture
def built(tmp_path):
    """A tiny stand-in for `vite build` output."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-Ab12Cd34.js").write_text("console.log('app')")
    (dist / "favicon.svg").write_text("<svg/>")
    return _client(tmp_path, dist)


@pytest.mark.parametrize("path", ["/", "/login", "/admin/lots", "/reservations/history"])
def test_every_app_route_gets_index_html_revalidated_each_time(built, path):
    response = built.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert 'id="app"' in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-cache"


def test_hashed_assets_are_cached_for_a_year(built):
    response = built.get("/assets/index-Ab12Cd34.js")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "console.log('app')"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_other_build_files_are_served_without_the_long_lifetime(built):
    response = built.get("/favicon.svg")
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_a_missing_asset_is_a_404_not_the_page(built):
    response = built.get("/assets/index-gone.js")
    assert response.status_code == 404
    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_unknown_api_paths_stay_json_404s(built):
    response = built.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.is_json


def test_without_a_build_the_page_says_how_to_build_it(tmp_path):
    client = _client(tmp_path, tmp_path / "nothing-here")
    for path in ("/", "/lots"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.mimetype == "text/html"
        page = response.get_data(as_text=True)
        assert "not built" in page and "make install" in page
    assert client.get("/api/health").is_json


def test_the_real_build_when_present(tmp_path):
    if not (STATIC_DIR / "index.html").is_file():
        pytest.skip(reason=f"no front-end build in {STATIC_DIR} (run `make install`)")
    client = _client(tmp_path, None)
    page = client.get("/admin/jobs").get_data(as_text=True)
    asset = next(part.split('"')[0] for part in page.split('src="/')[1:])
    assert asset.startswith("assets/")
    assert "immutable" in client.get(f"/{asset}").headers["Cache-Control"]
