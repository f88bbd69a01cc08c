"""The production web server of `parking serve`: uvicorn worker processes, each running the Flask
app in a thread pool behind a small ASGI shell.

Why this server. Measured here (2 cores shared with other jobs, load average 8 to 15, so figures
moved by up to 2x between runs; `python -m bench.server_capacity`, wrk with 16 connections,
medians of 3 interleaved rounds, one server after the other):

| | uvicorn + this shell | waitress, pre-forked processes |
|---|---|---|
| `/api/health` req/s, 1 / 2 processes | 1,589 / 1,984 | 686 / 1,060 |
| `/api/lots` req/s, 1 / 2 processes | 202 / 346 | 84 / 136 |
| health latency with 1,000 idle connections open | 1.9 ms median | 11 ms median |
| idle connections left open after 7 s | 0 | 1,000 (its timeouts are inactivity only) |
| 120 bodies trickled a byte a second | all cut off with 408 after 5 s | never cut off |
| 200 open event streams | no thread each (event loop) | a thread each |

The bare Flask app of the benchmark, one process each, side by side: 5,400 to 6,600 req/s here,
2,500 to 4,200 under waitress, and 1,700 to 2,600 with a2wsgi's adapter in place of
`ThreadedWSGI` (it hands each message of a response between the thread and the loop).
What the shell and uvicorn give:
- Every core: `WEB_CONCURRENCY` processes (default: one per core) share one listening
  socket. Two served 1.25x (health) and 1.7x (lot list) what one does: on these two cores wrk,
  Redis and other jobs ran too, and two workers got 1.2 to 1.3 cores between them, at the same
  requests per core-second as one.
- Idle and slow clients cost a socket, not a thread, and are cut off: a request's headers and
  its body must each arrive within `WEB_CLIENT_TIMEOUT` seconds (else the connection is closed,
  or answered 408), and a keep-alive connection idle that long is closed. The body is read whole
  (at most `MAX_REQUEST_BYTES`, else 413) before a thread is taken, so only complete requests reach
  Flask.
- `GET /api/events` streams are held by the event loop (events/stream.py), not by threads.
`WEB_THREADS` (8) is the thread count the old server ran with; 2, 4, 8 and 16 threads measured
alike here, within the noise. Waitress, the server before, ran in one process with its default
100-connection limit and 120 s channel timeout: a hundred idle clients stopped everyone else
for minutes.

Serving another WSGI app with exactly the same server and settings (the benchmark's bare Flask
app, say): `parking serve --app bench.bare_app:app --host H --port P`; the module is imported
from the current directory. `serve()` below is the same thing from Python.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import io
import json
import logging
import resource
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import uvicorn
from a2wsgi.wsgi import build_environ
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from parking import logs
from parking.config import Settings
from parking.events.stream import EventStreams

log = logging.getLogger(__name__)

# The API takes small JSON bodies only.
# Responses up to this size are built whole in a thread, then written; longer ones (a CSV
# download) are streamed a chunk at a time.
WHOLE_RESPONSE_BYTES = 256 * 1024


def serve(settings: Settings, host: str, port: int, *, app_path: str | None = None) -> None:
    """Serve `create_app(settings)` (or the WSGI app `module:attribute`) until SIGINT/SIGTERM;
    with several workers, the signal stops them all."""
    raise_open_file_limit()
    config = uvicorn.Config(
        functools.partial(build_app, settings, app_path),
        factory=True,
        host=host,
        port=port,
        workers=settings.WEB_CONCURRENCY,
        loop="uvloop",
        http=ClientTimeoutProtocol,
        lifespan="off",
        timeout_keep_alive=settings.WEB_CLIENT_TIMEOUT,
        # On SIGTERM, requests in progress get this long; open event streams are then cut.
        timeout_graceful_shutdown=settings.WEB_CLIENT_TIMEOUT,
        # A worker that does not answer the supervisor's ping in time is killed and replaced;
        # on a busy machine, importing the app alone can take longer than uvicorn's 5 s.
        timeout_worker_healthcheck=30,
        backlog=4096,
        access_log=False,
        # Client addresses from X-Forwarded-For only as TRUSTED_PROXIES says (create_app).
        proxy_headers=False,
    )
    socket = config.bind_socket()
    if config.workers > 1:
        Multiprocess(config, sockets=[socket]).run()
    else:
        uvicorn.Server(config).run(sockets=[socket])


def build_app(settings: Settings, app_path: str | None = None):
    """The ASGI app of one worker process: the WSGI app behind the body buffer and live events."""
    logs.configure(settings.LOG_LEVEL, settings.LOG_FORMAT)  # each worker is a new process
    if app_path is None:
        from parking import create_app

        wsgi_app = create_app(settings)
    else:
        wsgi_app = import_app(app_path)
    threaded = ThreadedWSGI(wsgi_app, threads=settings.WEB_THREADS)
    return BufferedRequests(
        EventStreams(threaded, settings.redis_url),
        timeout=settings.WEB_CLIENT_TIMEOUT,
        max_bytes=settings.MAX_REQUEST_BYTES,
    )


def import_app(app_path: str):
    """`module:attribute`, the module found from the current directory as well."""
    module_name, _, attribute = app_path.partition(":")
    if "" not in sys.path:
        sys.path.insert(0, "")
    return getattr(importlib.import_module(module_name), attribute or "app")


def raise_open_file_limit() -> None:
    """Every connection is a file descriptor: allow as many as the system lets this process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class ClientTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol with a deadline for each request's headers.

    uvicorn times out a connection idle between requests, but one that has sent part of its
    headers (or nothing yet) would stay open forever.
    """

    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm_header_deadline()

    def data_received(self, data: bytes) -> None:
        if self._header_deadline is None and (self.cycle is None or self.cycle.response_complete):
            self._arm_header_deadline()  # the first bytes of the next request
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._header_deadline = self.loop.call_later(self.timeout_keep_alive, self._cut_off)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _cut_off(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


class BodyTooLarge(Exception):
    pass


class ClientGone(Exception):
    pass


class BufferedRequests:
    """ASGI middleware: read each request's body whole, within `timeout` seconds and
    `max_bytes`, before the app (and so a thread) sees the request."""

    def __init__(self, app, *, timeout: float, max_bytes: int):
        self.app = app
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.too_large = f"The request body is larger than {max_bytes} bytes"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return await _send_error(send, 413, self.too_large)
        if declared in (b"", b"0") and b"transfer-encoding" not in headers:
            return await self.app(scope, receive, send)  # no body to wait for
        try:
            body = await asyncio.wait_for(_read_body(receive, self.max_bytes), self.timeout)
        except TimeoutError:
            message = f"The request body did not arrive within {self.timeout} seconds"
            return await _send_error(send, 408, message)
        except BodyTooLarge:
            return await _send_error(send, 413, self.too_large)
        except ClientGone:
            return
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()  # waits for the client to disconnect
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _read_body(receive, max_bytes: int) -> bytes:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone()
        body += message.get("body", b"")
        if len(body) > max_bytes:
            raise BodyTooLarge()
        if not message.get("more_body", False):
            return bytes(body)


async def _send_error(send, status: int, message: str) -> None:
    body = json.dumps({"message": message, "detail": {}}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@dataclass
class _Response:
    status: int
    headers: list[tuple[bytes, bytes]]
    head: bytes
    rest: object = None  # the body's iterator, when it is streamed
    close: object = None


class ThreadedWSGI:
    """ASGI app that runs a WSGI app in a pool of threads, with one hand-over per response.

    The thread runs the app and collects its answer; the event loop writes it. (a2wsgi's
    adapter, measured here first, hands every message over separately: 3 hand-overs for a small
    response, and half the requests per second.) A body longer than `WHOLE_RESPONSE_BYTES` is
    then pulled a chunk at a time, each written before the next is read, until the client leaves.
    """

    def __init__(self, app, *, threads: int):
        self.app = app
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="wsgi")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        request = await receive()  # the whole body (BufferedRequests)
        environ = build_environ(scope, io.BytesIO(request.get("body", b"")))
        loop = asyncio.get_running_loop()
        response = await loop.run_in_executor(self.pool, self._run, environ)
        await send(
            {"type": "http.response.start", "status": response.status, "headers": response.headers}
        )
        if response.rest is None:
            return await send({"type": "http.response.body", "body": response.head})
        gone = asyncio.ensure_future(_disconnect(receive))
        try:
            await send({"type": "http.response.body", "body": response.head, "more_body": True})
            while not gone.done():
                chunk = await loop.run_in_executor(self.pool, next, response.rest, None)
                if chunk is None:
                    break
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            gone.cancel()
            if response.close:
                await loop.run_in_executor(self.pool, response.close)

    def _run(self, environ: dict) -> _Response:
        started: list = []
        written: list[bytes] = []  # the legacy write() callable's output comes first

        def start_response(status: str, headers, exc_info=None):
            # Nothing is sent before this thread returns, so an error page may replace all.
            started[:] = [int(status.split(" ", 1)[0]), headers]
            return written.append

        iterable = self.app(environ, start_response)
        close = getattr(iterable, "close", None)
        chunks, size = written, sum(map(len, written))
        try:
            iterator = iter(iterable)
            for chunk in iterator:
                chunks.append(chunk)
                size += len(chunk)
                if size > WHOLE_RESPONSE_BYTES:
                    return self._response(started, chunks, rest=iterator, close=close)
        except BaseException:
            if close:
                close()
            raise
        if close:
            close()
        return self._response(started, chunks)

    @staticmethod
    def _response(started: list, chunks: list[bytes], **streaming) -> _Response:
        status, headers = started
        encoded = [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
        ]
        return _Response(status, encoded, b"".join(chunks), **streaming)


async def _disconnect(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
