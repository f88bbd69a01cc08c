"""A local SMTP server for `parking run` that keeps every message as a file under var/mail/."""

from __future__ import annotations

import time
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller


class MailCatcher:
    """Accepts any message on loopback and writes it to `<directory>/<time>-<n>.eml`."""

    def __init__(self, directory: Path, port: int):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.host = "127.0.0.1"
        self.port = port
        self._count = 0
        self._controller = Controller(self, hostname=self.host, port=port)
        self._controller.start()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self._count += 1
        path = self.directory / f"{time.strftime('%Y%m%d-%H%M%S')}-{self._count:04d}.eml"
        path.write_bytes(envelope.content)
        subject = message_from_bytes(envelope.content, policy=policy.default)["Subject"]
        print(f"mail to {', '.join(envelope.rcpt_tos)}: {subject!r} -> {path}", flush=True)
        return "250 Message accepted for delivery"

    def stop(self) -> None:
        self._controller.stop()
