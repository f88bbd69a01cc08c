"""Reports and receipts as e-mail (subject, plain text, HTML) and as Google Chat texts.

The HTML is built for mail clients: tables for layout, inline styles only, and bar charts made
of table cells whose widths are proportional to the values, so no script, SVG or image (local
or remote) is needed for them to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from flask import current_app, render_template

from parking.reports import data
from parking.reports.formatting import money
from parking.reservations.models import Reservation


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


def driver_report_email(report: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a driver's monthly report."""
    subject = f"Your monthly parking report for {report['month_label']}"
    chart = bars(report["by_lot"], label="lot_name", value="spent", text=money)
    text, html = _render("driver_report", subject=subject, report=report, chart=chart)
    return subject, text, html


def operator_report_email(report: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the operators' monthly report."""
    subject = f"Operator monthly report for {report['month_label']}"
    revenue_chart = bars(report["by_lot"], label="lot_name", value="revenue", text=money)
    hours_chart = bars(report["busiest_hours"], label="label", value="count", text=str)
    text, html = _render(
        "operator_report",
        subject=subject,
        report=report,
        revenue_chart=revenue_chart,
        hours_chart=hours_chart,
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
