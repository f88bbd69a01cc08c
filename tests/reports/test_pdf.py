"""The PDFs: valid documents whose text (searchable, any script the font covers) has the figures."""

from __future__ import annotations

import io

import pypdf
import time_machine

from parking.extensions import db
from parking.reports.data import driver_month, operator_month
from parking.reports.pdf import driver_report_pdf, operator_report_pdf, receipt_pdf
from parking.reservations.models import Reservation
from tests.reports.conftest import OCTOBER_12, user_of


def text_of(document: bytes) -> str:
    assert document.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(document))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_drivers_report_prints_their_name_lots_vehicles_and_money(clean_app, october):
    with clean_app.app_context():
        document = driver_report_pdf(driver_month(user=user_of(october.zoe), month="2026-10"))

    text = text_of(document)
    assert "Zoë Ærøskøbing" in text
    assert "October 2026" in text
    assert "Central" in text and "Harbour" in text
    assert october.stays[0]["vehicle_number"] in text
    assert "₹100.00" in text and "₹90.00" in text and "Total spent ₹190.00" in text
    assert "12 Oct 2026, 10:00" in text  # local time, not UTC (04:30)
    assert "Time parked 3 h 06 min" in text
    assert "2 h 05 min" in text  # a stay's time parked, on one line of its cell


def test_the_operator_report_prints_lots_revenue_and_drivers(clean_app, october):
    with clean_app.app_context():
        document = operator_report_pdf(operator_month(month="2026-10"))

    text = text_of(document)
    assert "Operator monthly report" in text and "October 2026" in text
    assert "Revenue ₹240.00" in text and "₹150.00" in text and "₹90.00" in text
    assert "Time parked 3 h 36 min" in text
    assert "Zoë Ærøskøbing" in text and "Raj Patel" in text
    assert "11:00–12:00 (2)" in text


def test_a_receipt_prints_the_stay(clean_app, october):
    stay = october.stays[0]
    with clean_app.app_context():
        document = receipt_pdf(db.session.get(Reservation, stay["id"]))

    text = text_of(document)
    assert f"Receipt #{stay['id']}" in text
    assert "Central" in text and "1 MG Road, Bengaluru, 560001" in text
    assert stay["vehicle_number"] in text
    assert f"Spot {stay['spot_number']}" in text
    assert "Parked 12 Oct 2026, 10:00" in text and "Left 12 Oct 2026, 11:01" in text
    assert "Time parked 1 h 01 min" in text
    assert "Rate per hour ₹50.00" in text
    assert "Hours billed 2" in text
    assert "Total ₹100.00" in text
    assert "Zoë Ærøskøbing" in text


def test_long_names_other_scripts_and_many_stays_still_print(clean_app, api, admin):
    long_name = "Ζ" * 60 + " Parking Garage " + "長" * 20  # 96 characters, some without a glyph
    lot = api.create_lot(admin, name=long_name, total_spots=1, price_per_hour="12.34")
    with time_machine.travel(OCTOBER_12, tick=False) as traveller:
        driver = api.new_driver(full_name="山田 太郎 🚗 <b>&amp;")
        for _ in range(60):
            released, driver = api.stay(driver, lot["id"], traveller, 5)
    with clean_app.app_context():
        report = driver_month(user=user_of(driver), month="2026-10")
        documents = [
            driver_report_pdf(report),
            operator_report_pdf(operator_month(month="2026-10")),
            receipt_pdf(db.session.get(Reservation, released["id"])),
        ]

    driver_pdf = pypdf.PdfReader(io.BytesIO(documents[0]))
    assert len(driver_pdf.pages) > 1  # 60 stays run on to a second page
    assert "₹740.40" in text_of(documents[0])  # 60 x 12.34
    assert "<b>&amp;" in text_of(documents[2])  # printed as typed
    for document in documents:
        assert text_of(document)
