"""Every HTML mail fits a 375 px phone: one fluid column, no fixed width wider than the screen, a
viewport tag; and, measured in Chromium, nothing makes the mail wider than the screen."""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine

from parking.extensions import db
from parking.jobs.reminders import Reason, Reminder
from parking.reports import render
from parking.reports.data import driver_month, operator_month
from parking.reservations.models import Reservation
from tests.reports.conftest import OCTOBER_12, user_of
from tests.reports.test_messages import _reservation

PHONE = 375
CHROMIUM = Path("/usr/bin/chromium")
LONG_LOT = "Brigade Road Multi-level Car Park, Tower B (Basement 2), Near the Old Airport Road"


@pytest.fixture
def every_html_mail(clean_app, api, admin, october) -> dict[str, str]:
    """Each kind of HTML mail, with long names and six-figure sums where they can be."""
    lot = api.create_lot(admin, name=LONG_LOT, price_per_hour="1234.50", total_spots=3)
    with time_machine.travel(OCTOBER_12.replace(hour=9), tick=False) as traveller:
        stay, _ = api.stay(api.relogin(october.zoe), lot["id"], traveller, 80 * 60 + 5)
    with clean_app.app_context():
        user = user_of(october.zoe)
        reminder = Reminder(
            user,
            [
                Reason(
                    f"Your car has been parked at {LONG_LOT} for 80 hours.",
                    "/reservations",
                    "See it",
                ),
                Reason("You have not booked a parking spot yet.", "/lots", "Find a lot near you"),
            ],
        )
        released = _reservation(
            status="completed",
            parked_at=datetime(2026, 12, 4, 2, 50, tzinfo=UTC),
            left_at=datetime(2026, 12, 4, 4, 55, tzinfo=UTC),
            duration_minutes=125,
            cost=Decimal("120.00"),
        )
        link = "http://parking.test/reset-password?token=" + "t" * 43
        mails = {
            "driver report": render.driver_report_email(driver_month(user=user, month="2026-10")),
            "operator report": render.operator_report_email(operator_month(month="2026-10")),
            "quiet operator report": render.operator_report_email(operator_month(month="2026-08")),
            "receipt": render.receipt_email(db.session.get(Reservation, stay["id"])),
            "reminder": ("", *render.reminder_email(subject="Reminder", reminder=reminder)),
            "password reset": render.password_reset_email(user, link, 30),
            "booking cancelled": render.booking_cancelled_message(released, "operator_released"),
            "hold ending": render.hold_ending_message(_reservation(), datetime.now(UTC)),
        }
    return {kind: mail[2] for kind, mail in mails.items()}


class _Widths(HTMLParser):
    """Every fixed width an element is given: `width` attributes and CSS width/min-width."""

    def __init__(self):
        super().__init__()
        self.fixed: list[tuple[str, str]] = []
        self.viewport: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "viewport":
            self.viewport = attrs.get("content")
        width = attrs.get("width")
        if width is not None and not width.endswith("%"):
            self.fixed.append((tag, f"width={width}"))
        style = attrs.get("style") or ""
        for prop, value in re.findall(r"(?:^|;)\s*((?:min-)?width)\s*:\s*([^;]+)", style):
            if not value.strip().endswith("%"):
                self.fixed.append((tag, f"{prop}:{value.strip()}"))


def _pixels(declaration: str) -> int:
    number = re.search(r"(\d+)", declaration)
    assert number and re.fullmatch(r"[a-z-]+[:=]\d+(px)?", declaration), declaration
    return int(number[1])


def test_no_html_mail_has_a_fixed_width_wider_than_a_phone(every_html_mail):
    for kind, html in every_html_mail.items():
        parser = _Widths()
        parser.feed(html)
        assert parser.viewport == "width=device-width, initial-scale=1", kind
        too_wide = [(tag, width) for tag, width in parser.fixed if _pixels(width) > PHONE]
        assert too_wide == [], kind
        # The frame is fluid: as wide as the screen, up to a readable 640 px on a desktop.
        assert "width:100%;max-width:640px" in html, kind
        # Bars are shares of the column (no image, no fixed length), so the charts scale.
        assert "<img" not in html
        for bar in re.findall(r'<td width="([^"]+)" height="14"', html):
            assert bar.endswith("%"), (kind, bar)


def _measured_widths(mails: dict[str, str], viewport: int, directory: Path) -> dict[str, int]:
    """Each mail's laid-out width (scrollWidth) in a frame `viewport` px wide, in Chromium."""
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
        pytest.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    frames = "".join(
        f'<iframe data-kind="{html_lib.escape(kind)}" style="width:{viewport}px;height:6000px;'
        f'border:0" srcdoc="{html_lib.escape(html)}"></iframe>'
        for kind, html in mails.items()
    )
    # Headless Chromium lays a page out at least 500 px wide, so each mail goes in a frame of
    # the phone's width; once all have loaded, the frames' widths are written into the title.
    page = f"""<!DOCTYPE html><html><head><title>measuring</title></head><body>{frames}
<script>
window.addEventListener("load", () => {{
  const widths = [...document.querySelectorAll("iframe")].map(
    (frame) => frame.dataset.kind + "=" + frame.contentDocument.documentElement.scrollWidth);
  document.title = "widths:" + widths.join(";");
}});
</script></body></html>"""
    path = directory / f"measure-{viewport}.html"
    path.write_text(page, encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    result = subprocess.run(
        [str(CHROMIUM), *flags, "--virtual-time-budget=10000", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    (title,) = re.findall(r"<title>widths:([^<]*)</title>", result.stdout)
    return {
        html_lib.unescape(kind): int(width)
        for kind, width in (item.rsplit("=", 1) for item in title.split(";"))
    }


def test_every_html_mail_lays_out_no_wider_than_a_phone_in_chromium(every_html_mail, tmp_path):
    widths = _measured_widths(every_html_mail, PHONE, tmp_path)

    assert widths == {kind: PHONE for kind in every_html_mail}


def test_the_measure_sees_a_mail_wider_than_the_phone(tmp_path):
    wide = '<table width="640" style="width:640px"><tr><td>A desktop-only mail</td></tr></table>'
    assert _measured_widths({"wide": wide}, PHONE, tmp_path) == {
        "wide": 640 + 8
    }  # + the body margin
