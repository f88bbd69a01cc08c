"""The e-mails and chat texts: subjects that say what they are, tables, charts that need nothing
from outside the message, and names shown as typed."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import time_machine

from parking.extensions import db
from parking.reports import render
from parking.reports.data import driver_month, operator_month
from parking.reservations.models import Reservation
from tests.reports.conftest import OCTOBER_12, user_of


class _Cells(HTMLParser):
    """The text of each table row, cell by cell."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rows_of(html: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(html)
    return parser.rows


def records_of(html: str) -> list[str]:
    """The text of each one-cell row (a record: its title, then its labelled values)."""
    return [" ".join(" ".join(row).split()) for row in rows_of(html) if len(row) == 1]


def bar_widths(html: str) -> list[int]:
    """The widths of the filled bars, in the order they appear."""
    return [int(w) for w in re.findall(r'style="width:(\d+)%;height:14px;background-color', html)]


def assert_self_contained(html: str) -> None:
    """Nothing a mail client would fetch or refuse to run: no remote or local files, no script."""
    assert not re.search(r"""src\s*=\s*["']?\s*https?:""", html, re.IGNORECASE)
    for forbidden in ("<img", "<script", "<svg", "<link", "<style", "<iframe", "url(", "src="):
        assert forbidden not in html.lower(), forbidden


def test_the_driver_report_email_has_the_lots_stays_and_a_bar_chart(clean_app, october):
    with clean_app.app_context():
        report = driver_month(user=user_of(october.zoe), month="2026-10")
        subject, text, html = render.driver_report_email(report)

    assert subject == "Your monthly parking report for October 2026"
    records = records_of(html)
    assert "Central Bookings 1 Time parked 1 h 01 min Spent ₹100.00" in records
    assert "Harbour Bookings 1 Time parked 2 h 05 min Spent ₹90.00" in records
    first = october.stays[0]
    assert (
        f"12 Oct 2026, 10:00 · Central Spot {first['spot_number']} Vehicle "
        f"{first['vehicle_number']} Parked for 1 h 01 min Cost ₹100.00" in records
    )
    assert ["Harbour", "₹90.00"] in rows_of(html)  # the bar chart's label and value
    assert bar_widths(html) == [100, 90]  # 100.00 and 90.00 spent
    assert "Zoë Ærøskøbing" in html and "Zoë Ærøskøbing" in text
    assert "₹190.00" in html and "₹190.00" in text
    # The time parked as the app writes it, never as decimal hours ("Hours parked 3.10").
    assert "3 h 06 min" in html and "Time parked:   3 h 06 min" in text
    assert "12 Oct 2026, 10:00" in html and "12 Oct 2026, 10:00" in text
    assert "2026-10-12" not in html + text
    assert "Harbour" in text and october.stays[2]["vehicle_number"] in text
    assert_self_contained(html)


def test_the_operator_report_email_has_lots_hours_and_drivers(clean_app, api, admin, october):
    assert api.delete(f"/api/lots/{october.harbour['id']}", admin).status_code == 204
    with clean_app.app_context():
        subject, text, html = render.operator_report_email(operator_month(month="2026-10"))

    assert subject == "Operator monthly report for October 2026"
    records = records_of(html)
    assert (
        "Central Bookings 2 Completed 2 No-shows 0 Revenue ₹150.00 Time parked 1 h 31 min "
        "Spots 2 Occupancy 0.1 %" in records
    )
    assert (
        "Harbour (deleted) Bookings 2 Completed 1 No-shows 0 Revenue ₹90.00 "
        "Time parked 2 h 05 min Spots 1 Occupancy 0.3 %" in records
    )
    assert f"Zoë Ærøskøbing E-mail {october.zoe.email} Bookings 2 Spent ₹190.00" in records
    assert f"Raj Patel E-mail {october.raj.email} Registered 12 Oct 2026, 10:00" in records
    # Revenue per lot (150.00, 90.00), then parkings per busiest hour (2 at 11:00, 1 at 10:00).
    assert bar_widths(html) == [100, 60, 100, 50]
    assert "11:00–12:00" in html
    assert "₹240.00" in html and "₹240.00" in text
    assert "Time parked:   3 h 36 min" in text
    assert "Raj Patel" in text
    assert_self_contained(html)


def test_the_receipt_email_says_it_is_a_receipt(clean_app, october):
    stay = october.stays[0]
    with clean_app.app_context():
        subject, text, html = render.receipt_email(db.session.get(Reservation, stay["id"]))

    assert subject == f"Receipt for your parking stay #{stay['id']} at Central"
    rows = rows_of(html)
    assert ["Vehicle", stay["vehicle_number"]] in rows
    assert ["Left", "12 Oct 2026, 11:01"] in rows
    assert ["Time parked", "1 h 01 min"] in rows
    assert ["Rate per hour", "₹50.00"] in rows
    assert ["Hours billed", "2 (every started hour)"] in rows
    assert "Total ₹100.00" in html
    assert "Total:          ₹100.00" in text
    assert "Left:           12 Oct 2026, 11:01" in text
    assert_self_contained(html)


def test_names_are_shown_as_typed_never_as_markup(clean_app, api, admin):
    lot = api.create_lot(admin, name="<i>Lot</i> & Co")
    with time_machine.travel(OCTOBER_12, tick=False) as traveller:
        driver = api.new_driver(full_name="<script>alert(1)</script>")
        released, driver = api.stay(driver, lot["id"], traveller, 10)
    with clean_app.app_context():
        report = driver_month(user=user_of(driver), month="2026-10")
        emails = [
            render.driver_report_email(report),
            render.operator_report_email(operator_month(month="2026-10")),
            render.receipt_email(db.session.get(Reservation, released["id"])),
        ]

    for _, _, html in emails:
        assert "<script" not in html and "<i>" not in html
        assert "&lt;i&gt;Lot&lt;/i&gt; &amp; Co" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in emails[0][2]
    assert "<script>alert(1)</script>" in emails[0][1]  # plain text is not HTML: kept as typed
    assert emails[2][0].endswith("at <i>Lot</i> & Co")


def test_chat_texts_are_short_and_name_the_month(clean_app, october):
    with clean_app.app_context():
        driver = render.driver_report_chat_text(
            driver_month(user=user_of(october.zoe), month="2026-10")
        )
        operator = render.operator_report_chat_text(operator_month(month="2026-10"))

    assert driver.startswith("*Your monthly parking report for October 2026*")
    assert "3 h 06 min parked, ₹190.00 spent" in driver and "Most used lot: Central" in driver
    assert operator.startswith("*Operator monthly report for October 2026*")
    assert (
        "Revenue ₹240.00" in operator
        and "3 h 36 min parked" in operator
        and "Busiest hour: 11:00–12:00" in operator
    )
    assert "Top driver: Zoë Ærøskøbing" in operator
    assert len(driver) < 500 and len(operator) < 1000


def test_bars_are_proportional_and_a_small_value_still_shows():
    items = [{"name": "a", "v": Decimal("200")}, {"name": "b", "v": 50}, {"name": "c", "v": 1}]
    items.append({"name": "d", "v": Decimal("0.00")})
    rows = render.bars(items, label="name", value="v", text=str)
    assert [row["percent"] for row in rows] == [100, 25, 1, 0]
    assert [row["label"] for row in rows] == ["a", "b", "c", "d"]
    nothing = render.bars([{"name": "a", "v": 0}], label="name", value="v", text=str)
    assert nothing[0]["percent"] == 0
