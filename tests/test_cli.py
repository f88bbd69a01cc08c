"""The `parking` command, run as a user would: from any directory, with only the environment."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from argon2 import PasswordHasher

PARKING = str(Path(sys.executable).with_name("parking"))


def run_parking(*args, cwd, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ADMIN_", "DATABASE"))}
    return subprocess.run(
        [PARKING, *args],
        cwd=cwd,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_init_creates_the_database_and_an_admin_with_a_generated_password(tmp_path):
    database = tmp_path / "elsewhere" / "parking.db"
    database.parent.mkdir()
    env = {"DATABASE_URL": f"sqlite:///{database}", "PARKING_VAR_DIR": str(tmp_path / "var")}

    first = run_parking("init", cwd=tmp_path, ADMIN_EMAIL="boss@example.com", **env)
    assert first.returncode == 0, first.stderr
    password = re.search(r"Generated admin password.*: (\S+)", first.stdout).group(1)

    with sqlite3.connect(database) as connection:
        role, password_hash = connection.execute(
            "SELECT role, password_hash FROM users WHERE email = 'boss@example.com'"
        ).fetchone()
    assert role == "admin"
    assert PasswordHasher().verify(password_hash, password)
    # Production strength by default: Argon2id with RFC 9106's low-memory parameters.
    assert password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")

    again = run_parking("init", cwd=tmp_path, ADMIN_EMAIL="boss@example.com", **env)
    assert again.returncode == 0, again.stderr
    assert "Generated admin password" not in again.stdout


def test_init_uses_admin_password_from_the_environment(tmp_path):
    database = tmp_path / "parking.db"
    result = run_parking(
        "init",
        cwd="/",
        DATABASE_URL=f"sqlite:///{database}",
        PARKING_VAR_DIR=str(tmp_path / "var"),
        ADMIN_EMAIL="ops@example.com",
        ADMIN_PASSWORD="chosen-password",
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as connection:
        (password_hash,) = connection.execute(
            "SELECT password_hash FROM users WHERE email = 'ops@example.com'"
        ).fetchone()
    assert PasswordHasher().verify(password_hash, "chosen-password")


def test_settings_come_from_the_environment_but_test_settings_ignore_it(monkeypatch, tmp_path):
    from parking.config import Settings, TestSettings

    monkeypatch.setenv("RESERVATION_HOLD_MINUTES", "10")
    monkeypatch.setenv("WEBHOOK_ALLOWED_HOSTS", "Chat.Example.com, hooks.example.org")
    monkeypatch.setenv("APP_TIMEZONE", "")  # empty counts as unset
    deployed = Settings(VAR_DIR=tmp_path, SECRET_KEY="k" * 32)
    assert deployed.RESERVATION_HOLD_MINUTES == 10
    assert deployed.WEBHOOK_ALLOWED_HOSTS == ["chat.example.com", "hooks.example.org"]
    assert deployed.APP_TIMEZONE == "Asia/Kolkata"
    tested = TestSettings(VAR_DIR=tmp_path, SECRET_KEY="k" * 32)
    assert tested.RESERVATION_HOLD_MINUTES == 30
    assert tested.WEBHOOK_ALLOWED_HOSTS == ["chat.googleapis.com"]
