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
    password = re.search(r"Password: (\S+)  \(generated", first.stdout).group(1)

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
    assert "(generated" not in again.stdout
    assert "parking set-password boss@example.com" in again.stdout


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


def test_every_command_finds_the_same_data_directory_from_any_working_directory(tmp_path):
    """No PARKING_VAR_DIR: the default follows the user's data directory, not the cwd."""
    environment = {k: v for k, v in os.environ.items() if k != "PARKING_VAR_DIR"}
    environment["XDG_DATA_HOME"] = str(tmp_path / "data")
    for cwd in (tmp_path / "one", tmp_path / "two"):
        cwd.mkdir()
        result = subprocess.run(
            [PARKING, "init"], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert not (cwd / "var").exists()
    data = tmp_path / "data" / "parking"
    assert (data / "parking.db").is_file() and (data / "secret_key").is_file()


def _secret_key_of(var_dir: str) -> str:
    from parking.config import _persistent_secret_key

    return _persistent_secret_key(Path(var_dir))


def test_processes_starting_at_once_end_up_with_one_private_secret_key(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=6) as pool:
        keys = set(pool.map(_secret_key_of, [str(tmp_path)] * 24))
    assert len(keys) == 1 and len(keys.pop()) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no drafts left behind


def test_without_redis_url_the_cache_limits_and_queue_share_one_default(tmp_path):
    from parking import create_app
    from parking.config import DEFAULT_REDIS_URL, TestSettings

    settings = TestSettings(VAR_DIR=tmp_path, SECRET_KEY="k" * 32)
    assert settings.REDIS_URL is None
    app = create_app(settings)
    assert app.config["RATELIMIT_STORAGE_URI"] == DEFAULT_REDIS_URL
    assert app.extensions["celery"].conf.broker_url == DEFAULT_REDIS_URL


def test_set_password_lets_the_operator_back_in(tmp_path):
    """`parking set-password EMAIL`: the generated password scrolled away; this sets a new one."""
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'parking.db'}",
        "PARKING_VAR_DIR": str(tmp_path / "var"),
        "ADMIN_EMAIL": "boss@example.com",
    }
    assert run_parking("init", cwd=tmp_path, **env).returncode == 0
    changed = run_parking(
        "set-password", "BOSS@example.com", "--password", "a-fresh-Operator-pass-4", cwd="/", **env
    )
    assert changed.returncode == 0, changed.stderr
    assert "Password set for boss@example.com" in changed.stdout
    with sqlite3.connect(tmp_path / "parking.db") as connection:
        (password_hash,) = connection.execute(
            "SELECT password_hash FROM users WHERE email = 'boss@example.com'"
        ).fetchone()
    assert PasswordHasher().verify(password_hash, "a-fresh-Operator-pass-4")

    weak = run_parking(
        "set-password", "boss@example.com", "--password", "password1", cwd="/", **env
    )
    assert weak.returncode != 0
    assert "common passwords" in weak.stderr
    unknown = run_parking(
        "set-password", "x@example.com", "--password", "whatever-9-x", cwd="/", **env
    )
    assert "No account uses this e-mail" in unknown.stderr


def test_run_says_the_operators_sign_in_last_once_the_app_answers(tmp_path, redis_url):
    import socket
    import time

    def free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    port, mail_port = free_port(), free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ADMIN_", "DATABASE"))}
    environment |= {
        "PARKING_VAR_DIR": str(tmp_path / "var"),
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": f"cli-run-{port}",
        "ADMIN_EMAIL": "boss@example.com",
        "WEB_CONCURRENCY": "1",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [PARKING, "run", "--port", str(port), "--mail-port", str(mail_port)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any("set-password" in x for x in lines):
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = "\n".join(lines)
    ready = next(i for i, line in enumerate(lines) if "Parking is ready at" in line)
    assert f"http://127.0.0.1:{port}" in lines[ready]
    assert lines[ready + 1].strip() == "Operator account: boss@example.com"
    assert re.match(r"\s*Password: \S+  \(generated, shown this once\)", lines[ready + 2])
    assert "parking set-password boss@example.com" in lines[ready + 3]
    serving = next(i for i, line in enumerate(lines) if "Serving on" in line)
    assert serving < ready, output
