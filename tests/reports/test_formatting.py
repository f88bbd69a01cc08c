"""The one format of the server's words, the same as the Vue app's (frontend/src/utils/format.js):
"4 Dec 2026, 08:17" on the APP_TIMEZONE clock, "₹1,00,000.00" in CURRENCY, "2 h 05 min"."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from parking.reports.formatting import clock, date_time, day, duration, money, window
from parking.timezone import local_clock, local_time

# 08:17 on 4 December 2026 in Asia/Kolkata (UTC+5:30), the app's default time zone.
DEC_4_0817 = datetime(2026, 12, 4, 2, 47, tzinfo=UTC)


def test_times_are_written_as_the_app_writes_them_on_the_app_clock(app_context):
    assert date_time(DEC_4_0817) == "4 Dec 2026, 08:17"
    assert local_time(DEC_4_0817) == "4 Dec 2026, 08:17"  # what "Parking opens at ..." says
    assert day(DEC_4_0817) == "4 Dec 2026"
    assert clock(DEC_4_0817) == local_clock(DEC_4_0817) == "08:17"
    assert date_time(datetime(2026, 12, 4, 13, 5, tzinfo=UTC)) == "4 Dec 2026, 18:35"  # 24 h
    assert local_time(None) is None and date_time(None) == "—"


def test_a_window_writes_its_day_once_when_it_ends_on_it(app_context):
    ends = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
    assert window(DEC_4_0817, ends) == "4 Dec 2026, 08:17 – 11:30"
    next_day = datetime(2026, 12, 5, 6, 0, tzinfo=UTC)
    assert window(DEC_4_0817, next_day) == "4 Dec 2026, 08:17 – 5 Dec 2026, 11:30"


def test_another_time_zone_moves_the_clock(app_context, monkeypatch):
    monkeypatch.setitem(app_context.config, "APP_TIMEZONE", "Europe/London")
    assert date_time(DEC_4_0817) == "4 Dec 2026, 02:47"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("40"), "₹40.00"),
        ("1234.5", "₹1,234.50"),
        (Decimal("100000"), "₹1,00,000.00"),  # en-IN grouping: lakhs
        (Decimal("12345678.90"), "₹1,23,45,678.90"),
        (None, "₹0.00"),
    ],
)
def test_money_has_the_sign_no_space_and_indian_grouping(app_context, value, written):
    assert money(value) == written


def test_money_is_in_the_currency_setting(app_context, monkeypatch):
    monkeypatch.setitem(app_context.config, "CURRENCY", "USD")
    assert money(Decimal("1250")) == "$1,250.00"


def test_durations_are_hours_and_minutes_never_decimal_hours():
    assert duration(125) == "2 h 05 min"
    assert duration(45) == "45 min"
    assert duration(60) == "1 h 00 min"
    assert duration(None) == "—"
