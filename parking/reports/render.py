"""Reports and receipts as e-mail (subject, plain text, HTML) and as Google Chat texts.

The HTML is built for mail clients: tables for layout, inline styles only, and bar charts made
of table cells whose widths are proportional to the values, so no script, SVG or image (local
or remote) is needed for them to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from flask import current_app, render_template

from parking.auth.models import User
from parking.reports import data
from parking.reports.formatting import clock, date_time, duration, money, window
from parking.reservations import holds
from parking.reservations.models import Reservation


class Message(NamedTuple):
    """A message that goes by e-mail and Google Chat alike."""

    subject: str
    text: str
    html: str
    gchat_text: str


def bars(items: Iterable[dict], *, label: str, value: str, text: Callable) -> list[dict]:
    """Rows of a bar chart: the largest value fills the width, the others in proportion."""
    items = list(items)
    largest = max((Decimal(item[value]) for item in items), default=Decimal(0))
    rows = []
    for item in items:
        amount = Decimal(item[value])
        percent = int(amount / largest * 100) if largest > 0 else 0
        # A value above zero always shows, however small beside the largest.
        percent = max(percent, 1) if amount > 0 else 0
        rows.append({"label": item[label], "text": text(item[value]), "percent": percent})
    return rows


def _render(name: str, **context) -> tuple[str, str]:
    """The plain text and HTML versions of the e-mail template `name`."""
    context |= {"money": money, "public_url": current_app.config["PUBLIC_URL"].rstrip("/")}
    return (
        render_template(f"email/{name}.txt", **context),
        render_template(f"email/{name}.html", **context),
    )


Record = tuple[str, list[tuple[str, object]]]


def _stay_record(stay: dict) -> Record:
    """A stay of a driver's report: when and where, then what it was and cost."""
    fields = [("Booked for", stay["window"])] if stay["window"] else []
    fields += [("Spot", stay["spot_number"]), ("Vehicle", stay["vehicle_number"])]
    if stay["cost"] is not None:
        fields += [("Parked for", stay["time_parked"]), ("Cost", money(stay["cost"]))]
    else:
        fields.append(("Status", stay["status"]))
    return f"{stay['reserved_at']} · {stay['lot_name']}", fields


def driver_report_email(report: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a driver's monthly report."""
    subject = f"Your monthly parking report for {report['month_label']}"
    chart = bars(report["by_lot"], label="lot_name", value="spent", text=money)
    lots = [
        (
            row["lot_name"],
            [
                ("Bookings", row["count"]),
                ("Time parked", row["time_parked"]),
                ("Spent", money(row["spent"])),
            ],
        )
        for row in report["by_lot"]
    ]
    stays = [_stay_record(stay) for stay in report["stays"]]
    text, html = _render(
        "driver_report", subject=subject, report=report, chart=chart, lots=lots, stays=stays
    )
    return subject, text, html


def operator_report_email(report: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the operators' monthly report."""
    subject = f"Operator monthly report for {report['month_label']}"
    revenue_chart = bars(report["by_lot"], label="lot_name", value="revenue", text=money)
    hours_chart = bars(report["busiest_hours"], label="label", value="count", text=str)
    lots = [
        (
            row["lot_name"] + (" (deleted)" if row["deleted"] else ""),
            [
                ("Bookings", row["count"]),
                ("Completed", row["completed"]),
                ("No-shows", row["no_shows"]),
                ("Revenue", money(row["revenue"])),
                ("Time parked", row["time_parked"]),
                ("Spots", row["spots"]),
                ("Occupancy", f"{row['occupancy']} %"),
            ],
        )
        for row in report["by_lot"]
    ]
    top_drivers = [
        (
            driver["name"],
            [
                ("E-mail", driver["email"]),
                ("Bookings", driver["count"]),
                ("Spent", money(driver["spent"])),
            ],
        )
        for driver in report["top_drivers"]
    ]
    new_drivers = [
        (driver["name"], [("E-mail", driver["email"]), ("Registered", driver["registered_at"])])
        for driver in report["new_drivers"]["drivers"]
    ]
    text, html = _render(
        "operator_report",
        subject=subject,
        report=report,
        revenue_chart=revenue_chart,
        hours_chart=hours_chart,
        lots=lots,
        top_drivers=top_drivers,
        new_drivers=new_drivers,
    )
    return subject, text, html


def reminder_email(*, subject: str, reminder, what: str = "daily reminder") -> tuple[str, str]:
    """Plain text and HTML of a reminder (`what` kind): each reason with a link to act on it."""
    return _render("reminder", subject=subject, reminder=reminder, what=what)


def receipt_email(reservation: Reservation) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the receipt of a completed stay."""
    receipt = data.receipt(reservation)
    subject = f"Receipt for your parking stay #{receipt['number']} at {receipt['lot_name']}"
    text, html = _render("receipt", subject=subject, receipt=receipt)
    return subject, text, html


def driver_report_chat_text(report: dict) -> str:
    """A driver's monthly report in a few lines of Google Chat."""
    return render_template("chat/driver_report.txt", report=report, money=money).strip()


def operator_report_chat_text(report: dict) -> str:
    """The operators' monthly report in a few lines of Google Chat."""
    return render_template("chat/operator_report.txt", report=report, money=money).strip()


def password_reset_email(user: User, link: str, minutes: int) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the mail with a link to choose a new password."""
    subject = "Reset your Parking password"
    text, html = _render("password_reset", subject=subject, user=user, link=link, minutes=minutes)
    return subject, text, html


CANCEL_REASONS = ("operator_cancelled", "operator_released", "expired", "no_show")

_CANCEL_SUBJECTS = {
    "operator_cancelled": "Your parking booking was cancelled by the operator",
    "operator_released": "Your parking stay was ended by the operator",
    "expired": "Your parking booking was cancelled: the hold ran out",
    "no_show": "Your parking booking was cancelled: the car was not parked in time",
}


def _booked_for(reservation: Reservation) -> str:
    """When the booking was for: its window, or (a drive-up) when it was made."""
    if reservation.is_window:
        return f"booked for {window(reservation.starts_at, reservation.ends_at)}"
    return f"booked at {date_time(reservation.reserved_at)}"


def _why(reservation: Reservation, reason: str) -> str:
    """Why the booking ended, in a sentence or two."""
    if reason == "operator_cancelled":
        return "The parking operator cancelled it. You have not been charged."
    if reason == "operator_released":
        return (
            f"The car was parked {date_time(reservation.parked_at)} "
            f"and the operator released it {date_time(reservation.left_at)} "
            f"({duration(reservation.duration_minutes)}). "
            f"You were charged {money(reservation.cost)}; the receipt is in your history."
        )
    if reason == "expired":
        minutes = current_app.config["RESERVATION_HOLD_MINUTES"]
        return (
            f"The car was not parked within {minutes} minutes of booking, so the hold ran "
            "out and the spot went back to other drivers. You have not been charged."
        )
    if reason == "no_show":
        return (
            f"The car was not parked by {clock(holds.lapses_at(reservation))}, so the booking "
            "was cancelled as a no-show and the spot went back to other drivers."
        )
    raise ValueError(f"unknown cancel reason {reason!r}; one of {CANCEL_REASONS}")


def booking_cancelled_message(reservation: Reservation, reason: str) -> Message:
    """A driver's booking ended by someone else: the operator (`operator_cancelled`,
    `operator_released`: a parked car released and charged), a drive-up hold that lapsed
    (`expired`) or a window booking nobody parked in time (`no_show`)."""
    why = _why(reservation, reason)
    subject = _CANCEL_SUBJECTS[reason]
    what, ended = (
        ("stay", "was ended by the operator")
        if reason == "operator_released"
        else ("booking", "was cancelled")
    )
    summary = (
        f"Your {what} at {reservation.lot.name} ({reservation.lot.address}), spot "
        f"{reservation.spot_number}, for {reservation.vehicle_number} "
        f"({_booked_for(reservation)}) {ended}."
    )
    context = {"user": reservation.user, "summary": summary, "why": why}
    text, html = _render("booking_cancelled", subject=subject, **context)
    return Message(subject, text, html, _chat(subject, f"{summary} {why}", "/reservations/history"))


def hold_ending_message(reservation: Reservation, ends_at: datetime) -> Message:
    """A held booking the driver has not parked in yet lapses at `ends_at`: park or lose it."""
    subject = "Your parking hold ends soon"
    warning = (
        f"Park by {clock(ends_at)} or your booking at {reservation.lot.name} "
        f"(spot {reservation.spot_number}) is cancelled."
    )
    details = (
        f"The spot at {reservation.lot.name} ({reservation.lot.address}) is held for "
        f"{reservation.vehicle_number} until {date_time(ends_at)}."
    )
    context = {"user": reservation.user, "warning": warning, "details": details}
    text, html = _render("hold_ending", subject=subject, **context)
    return Message(subject, text, html, _chat(subject, f"{warning} {details}", "/reservations"))


def _chat(subject: str, text: str, page: str) -> str:
    """A Google Chat message: the subject in bold, the sentences, the app page to act on."""
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    return f"*{subject}*\n{text}\n{public_url}{page}"
