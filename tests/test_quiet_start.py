"""`parking init` on a fresh database says what a person needs (database ready, the operator's
account) without Alembic's chatter or SQLAlchemy's reflection warning in front of it."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.helpers import PARKING


@pytest.fixture
def fresh_init_output(tmp_path, redis_url) -> str:
    """What `parking init` prints, on a new SQLite database, stdout and stderr together."""
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
        "PARKING_VAR_DIR": str(tmp_path / "var"),
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "INFO",
        "ADMIN_EMAIL": "operator@parking.test",
        "ADMIN_PASSWORD": "operator-password-1",
    }
    result = subprocess.run(
        [PARKING, "init"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout + result.stderr


def test_init_prints_no_alembic_plugin_lines_or_reflection_warning(fresh_init_output):
    assert "Database ready" in fresh_init_output
    assert "Operator account: operator@parking.test" in fresh_init_output
    assert "setup plugin" not in fresh_init_output
    assert "Skipped unsupported reflection" not in fresh_init_output
    assert "SAWarning" not in fresh_init_output


def test_init_prints_no_line_per_migration(fresh_init_output):
    assert "Database ready" in fresh_init_output
    assert "alembic" not in fresh_init_output, fresh_init_output
