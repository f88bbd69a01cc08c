"""Only a PostgreSQL that does not answer may turn its half of the suite into a skip; not on CI."""

from __future__ import annotations

import socket
import threading

import psycopg
import pytest
import sqlalchemy as sa

from tests import postgres
from tests.helpers import free_port


def connection_error(url: str) -> psycopg.OperationalError:
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(url, connect_timeout=3).close()
    return caught.value


def test_no_server_answering_is_a_skip_that_says_so():
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/test"  # nothing listens there
    reason = postgres.skip_reason(url, connection_error(url), required=False)
    assert reason is not None and url in reason and "no server answers" in reason


def test_under_require_postgres_no_server_answering_is_a_failure():
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/test"
    assert postgres.skip_reason(url, connection_error(url), required=True) is None


@pytest.fixture
def server_that_hangs_up():
    """Something listening that accepts a connection and closes it at once."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"postgresql://postgres@127.0.0.1:{listener.getsockname()[1]}/test"
    listener.close()


def test_a_server_that_answers_and_fails_is_a_failure(server_that_hangs_up):
    error = connection_error(server_that_hangs_up)
    assert postgres.skip_reason(server_that_hangs_up, error, required=False) is None


def test_a_refused_login_is_a_failure_not_a_skip():
    if postgres.nothing_listens(postgres.URL):
        pytest.skip(reason=f"needs the PostgreSQL server at {postgres.URL} to refuse a login")
    # What a wrong password does on a server with passwords; this one trusts local users.
    url = sa.make_url(postgres.URL).set(username="no_such_role").render_as_string(False)
    error = connection_error(url)
    assert "no_such_role" in str(error)
    assert postgres.skip_reason(url, error, required=False) is None
