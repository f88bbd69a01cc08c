"""The server side of `GET /api/events`: an ASGI middleware that holds event streams open.

The Flask route authenticates the client and answers with the stream's first bytes and the
`X-Hold-Channel` header. This middleware, seeing that header, subscribes the client to the
channel before passing the headers on (so every change published after the client has its 200
reaches it), then keeps the response open and writes each message as an SSE `data:` line. An
open stream costs an asyncio task and a queue, no thread. Each server process keeps one Redis
subscription per channel, shared by all its streams.

A stream ends after `lifetime` seconds, so the client reconnects and its token is checked again
(a revoked token stops receiving); it also ends when Redis goes away or the client falls too far
behind. With the subscription impossible from the start, the client gets the same 503 the Flask
route gives.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import redis
import redis.asyncio

from parking.events.service import HOLD_HEADER, LiveUpdatesUnavailable

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
LIFETIME_SECONDS = 300
# Messages waiting for one slow client; past this it is dropped and reconnects afresh.
BACKLOG = 256
_HOLD = HOLD_HEADER.lower().encode()


class Subscription:
    """One Redis pub/sub subscription of this process, fanned out to a queue per stream."""

    def __init__(self, redis_url: str, channel: str):
        self.redis_url = redis_url
        self.channel = channel
        self.queues: set[asyncio.Queue] = set()
        self._listening: asyncio.Task | None = None
        self._ready: asyncio.Future | None = None

    async def join(self) -> asyncio.Queue:
        """A new stream's queue; raises `redis.RedisError` (or `TimeoutError`) without Redis."""
        if self._listening is None or self._listening.done():
            self._ready = asyncio.get_running_loop().create_future()
            self._listening = asyncio.create_task(self._listen(self._ready))
        await asyncio.wait_for(asyncio.shield(self._ready), timeout=2)
        queue = asyncio.Queue(BACKLOG)
        self.queues.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue) -> None:
        self.queues.discard(queue)

    async def _listen(self, ready: asyncio.Future) -> None:
        client = redis.asyncio.Redis.from_url(self.redis_url, socket_connect_timeout=1)
        try:
            async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                await pubsub.subscribe(self.channel)
                ready.set_result(None)
                async for message in pubsub.listen():
                    for queue in list(self.queues):
                        self._deliver(queue, message["data"])
        except (redis.RedisError, OSError) as error:
            log.warning("Live updates: Redis subscription lost (%s)", error)
            if not ready.done():
                ready.set_exception(error)
        finally:
            for queue in list(self.queues):
                self._end(queue)
            await client.aclose()

    def _deliver(self, queue: asyncio.Queue, data: bytes) -> None:
        try:
            queue.put_nowait(data)
        except asyncio.QueueFull:
            self._end(queue)

    def _end(self, queue: asyncio.Queue) -> None:
        """Close a stream: its client reconnects and refetches what it shows."""
        self.queues.discard(queue)
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(None)


class EventStreams:
    """ASGI middleware: hold open every response that carries the hold header."""

    def __init__(self, app, redis_url: str | None, lifetime: float = LIFETIME_SECONDS):
        self.app = app
        self.redis_url = redis_url
        self.lifetime = lifetime
        self.subscriptions: dict[str, Subscription] = {}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        held: dict = {}

        async def send_or_hold(message) -> None:
            if message["type"] == "http.response.start":
                channel = _pop_header(message["headers"], _HOLD)
                if channel is not None:
                    queue = await self._join(channel)
                    if queue is None:
                        held["refused"] = True
                        return await _send_unavailable(send)
                    held["queue"], held["channel"] = queue, channel
                    _pop_header(message["headers"], b"content-length")  # it goes on
            elif held.get("refused"):
                return  # the app's stream start, replaced by the 503
            elif held and not message.get("more_body", False):
                message = {**message, "more_body": True}  # the stream goes on after the app
            await send(message)

        await self.app(scope, receive, send_or_hold)
        if "queue" in held:
            subscription = self.subscriptions[held["channel"]]
            try:
                await self._stream(held["queue"], receive, send)
            finally:
                subscription.leave(held["queue"])
                await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _join(self, channel: str) -> asyncio.Queue | None:
        if self.redis_url is None:
            return None
        subscription = self.subscriptions.setdefault(channel, Subscription(self.redis_url, channel))
        try:
            return await subscription.join()
        except (redis.RedisError, OSError, TimeoutError):
            return None

    async def _stream(self, queue: asyncio.Queue, receive, send) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.lifetime
        disconnected = asyncio.ensure_future(_disconnect(receive))
        try:
            while (remaining := deadline - loop.time()) > 0:
                next_message = asyncio.ensure_future(queue.get())
                done, _ = await asyncio.wait(
                    {next_message, disconnected},
                    timeout=min(HEARTBEAT_SECONDS, remaining),
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if disconnected in done:
                    next_message.cancel()
                    return
                if next_message not in done:
                    next_message.cancel()
                    await _send_chunk(send, b": heartbeat\n\n")
                    continue
                data = next_message.result()
                if data is None:
                    return
                await _send_chunk(send, b"data: " + data + b"\n\n")
        finally:
            disconnected.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await disconnected


def _pop_header(headers: list, name: bytes) -> str | None:
    for index, (key, value) in enumerate(headers):
        if key.lower() == name:
            del headers[index]
            return value.decode("latin-1")
    return None


async def _disconnect(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _send_chunk(send, body: bytes) -> None:
    await send({"type": "http.response.body", "body": body, "more_body": True})


async def _send_unavailable(send) -> None:
    body = json.dumps({"message": LiveUpdatesUnavailable.message, "detail": {}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
