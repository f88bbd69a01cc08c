"""Real peers for the tests: an SMTP server (aiosmtpd) and an HTTPS server for webhooks."""

from __future__ import annotations

import json
import ssl
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from parking.local_redis import free_port
from tests.helpers import wait_for


class MailSink:
    """An SMTP server on loopback that keeps every message it receives."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.port = free_port()
        self.host = "127.0.0.1"
        self._controller = Controller(self, hostname=self.host, port=self.port)
        self._controller.start()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in m["X-Envelope-To"].lower()]

    def wait_for(self, count: int, timeout: float = 30) -> list[EmailMessage]:
        wait_for(lambda: len(self.messages) >= count, timeout)
        return self.messages

    def clear(self) -> None:
        self.messages.clear()

    def stop(self) -> None:
        self._controller.stop()


class WebhookSink:
    """An HTTPS server on loopback that records each JSON body posted to it, by path."""

    def __init__(self, certificate_authority):
        self.requests: list[tuple[str, dict]] = []
        self.fail_with: int | None = None  # answer this status instead of 200 when set
        self.port = free_port()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = sink.fail_with or 200
                if status == 200:
                    sink.requests.append((self.path, json.loads(body)))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        certificate_authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def posted_to(self, path: str) -> list[dict]:
        return [body for request_path, body in self.requests if request_path == path]

    def clear(self) -> None:
        self.requests.clear()
        self.fail_with = None

    def stop(self) -> None:
        self._server.shutdown()
