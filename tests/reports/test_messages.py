"""The messages the account and booking code sends: a password reset, a booking someone else
ended (and why), a hold about to lapse. Each says what happened in words, with the page to go to."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from parking.auth.models import User
from parking.reports import render
from parking.reservations.models import CANCELLED, COMPLETED, RESERVED, Lot, Reservation
from tests.reports.test_render import assert_self_contained

# 08:15 on 4 December 2026 in Asia/Kolkata (UTC+5:30), the app's default time zone.
DEC_4_0815 = datetime(2026, 12, 4, 2, 45, tzinfo=UTC)


def _reservation(**fields) -> Reservation:
    """A booking as the lead's code would hand it over (not stored: rendering reads no table)."""
    user = User(email="zoe@example.com", full_name="Zoë Ærøskøbing")
    lot = Lot(name="Central", address="1 MG Road, Bengaluru", pincode="560001")
    defaults = {
        "id": 7,
        "spot_number": 3,
        "vehicle_number": "KA01AB1234",
        "price_per_hour": Decimal("40.00"),
        "status": CANCELLED,
        "reserved_at": DEC_4_0815,
    }
    return Reservation(user=user, lot=lot, **(defaults | fields))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_password_reset_mail_has_the_link_its_lifetime_and_what_to_do_if_unasked(app_context):
    user = User(email="zoe@example.com", full_name="Zoë Ærøskøbing")
    link = "http://parking.test/reset-password?token=abc-123_XYZ"

    subject, text, html = render.password_reset_email(user, link, 30)

    assert subject == "Reset your Parking password"
    for body in (_words(text), _words(html)):
        assert link in body
        assert "works once, for 30 minutes" in body
        assert "If you did not ask for this, you can ignore this e-mail" in body
        assert "Zoë Ærøskøbing" in body
    assert f'href="{link}"' in html
    assert_self_contained(html)


def test_an_operator_cancel_says_who_and_that_nothing_was_charged(app_context):
    message = render.booking_cancelled_message(_reservation(), "operator_cancelled")

    assert message.subject == "Your parking booking was cancelled by the operator"
    for body in (_words(message.text), _words(message.html), _words(message.gchat_text)):
        assert (
            "Your booking at Central (1 MG Road, Bengaluru), spot 3, for KA01AB1234 "
            "(booked at 4 Dec 2026, 08:15) was cancelled." in body
        )
        assert "The parking operator cancelled it. You have not been charged." in body
    assert "http://parking.test/reservations/history" in message.text
    assert 'href="http://parking.test/reservations/history"' in message.html
    assert message.gchat_text.startswith(f"*{message.subject}*\n")
    assert message.gchat_text.endswith("http://parking.test/reservations/history")
    assert_self_contained(message.html)


def test_a_force_release_says_when_the_stay_ended_and_what_it_cost(app_context):
    stay = _reservation(
        status=COMPLETED,
        parked_at=datetime(2026, 12, 4, 2, 50, tzinfo=UTC),
        left_at=datetime(2026, 12, 4, 4, 55, tzinfo=UTC),
        duration_minutes=125,
        cost=Decimal("120.00"),
    )

    message = render.booking_cancelled_message(stay, "operator_released")

    assert message.subject == "Your parking stay was ended by the operator"
    text = _words(message.text)
    assert (
        "Your stay at Central (1 MG Road, Bengaluru), spot 3, for KA01AB1234 "
        "(booked at 4 Dec 2026, 08:15) was ended by the operator." in text
    )
    assert (
        "parked 4 Dec 2026, 08:20 and the operator released it 4 Dec 2026, 10:25 (2 h 05 min)"
        in text
    )
    assert "You were charged ₹" in text and "120.00" in text
    assert "120.00" in message.html and "120.00" in message.gchat_text


def test_a_lapsed_hold_says_the_car_was_not_parked_within_the_hold(app_context):
    message = render.booking_cancelled_message(_reservation(), "expired")

    assert message.subject == "Your parking booking was cancelled: the hold ran out"
    minutes = app_context.config["RESERVATION_HOLD_MINUTES"]
    for body in (_words(message.text), _words(message.html), _words(message.gchat_text)):
        assert f"The car was not parked within {minutes} minutes of booking" in body
        assert "You have not been charged" in body


def test_a_no_show_names_the_window_and_the_time_parking_was_due(app_context):
    booking = _reservation(
        starts_at=datetime(2026, 12, 4, 3, 30, tzinfo=UTC),  # 09:00
        ends_at=datetime(2026, 12, 4, 6, 0, tzinfo=UTC),  # 11:30
        quoted_cost=Decimal("120.00"),
    )

    message = render.booking_cancelled_message(booking, "no_show")

    assert message.subject == "Your parking booking was cancelled: the car was not parked in time"
    hold = app_context.config["RESERVATION_HOLD_MINUTES"]
    due = f"{9 + (hold // 60):02d}:{hold % 60:02d}"  # the window's start plus the hold
    for body in (_words(message.text), _words(message.html), _words(message.gchat_text)):
        assert "(booked for 4 Dec 2026, 09:00 – 11:30) was cancelled." in body
        assert f"The car was not parked by {due}, so the booking was cancelled as a no-show" in body


def test_an_unknown_reason_is_refused_rather_than_mailed_wrong(app_context):
    with pytest.raises(ValueError, match="unknown cancel reason"):
        render.booking_cancelled_message(_reservation(), "driver")


def test_the_hold_ending_message_says_park_by_when_or_lose_the_booking(app_context):
    booking = _reservation(status=RESERVED)
    ends_at = datetime(2026, 12, 4, 3, 15, tzinfo=UTC)  # 08:45

    message = render.hold_ending_message(booking, ends_at)

    assert message.subject == "Your parking hold ends soon"
    for body in (_words(message.text), _words(message.html), _words(message.gchat_text)):
        assert "Park by 08:45 or your booking at Central (spot 3) is cancelled." in body
        assert "held for KA01AB1234 until 4 Dec 2026, 08:45" in body
    assert 'href="http://parking.test/reservations"' in message.html
    assert message.gchat_text.endswith("http://parking.test/reservations")
    assert_self_contained(message.html)
