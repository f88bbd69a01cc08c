"""GET /api/reservations/{id}/receipt: the PDF of a completed stay, for its owner and admins."""

from __future__ import annotations

import io

import pypdf
import pytest


def receipt_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_owner_gets_the_pdf_receipt(api, october):
    stay = october.stays[0]
    zoe = api.relogin(october.zoe)

    response = api.get(f"/api/reservations/{stay['id']}/receipt", zoe)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'inline; filename="receipt-{stay["id"]}.pdf"'
    text = receipt_text(response)
    assert "Central" in text and stay["vehicle_number"] in text
    assert "Total ₹100.00" in text


def test_an_admin_gets_any_drivers_receipt(api, admin, october):
    stay = october.stays[1]

    response = api.get(f"/api/reservations/{stay['id']}/receipt", admin)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "Raj Patel" in receipt_text(response)


def test_a_deleted_lot_still_prints_on_its_past_receipts(api, admin, october):
    assert api.delete(f"/api/lots/{october.central['id']}", admin).status_code == 204

    response = api.get(f"/api/reservations/{october.stays[0]['id']}/receipt", admin)

    assert response.status_code == 200
    assert "1 MG Road, Bengaluru" in receipt_text(response)


def test_another_driver_is_told_it_does_not_exist(api, october, other_driver):
    for reservation_id in (october.stays[0]["id"], 2**31 - 1):
        response = api.get(f"/api/reservations/{reservation_id}/receipt", other_driver)
        assert response.status_code == 404
        assert isinstance(response.get_json()["message"], str)


def test_signing_in_is_required(api, october):
    response = api.get(f"/api/reservations/{october.stays[0]['id']}/receipt")
    assert response.status_code == 401
    assert isinstance(response.get_json()["message"], str)


@pytest.mark.parametrize("status", ["reserved", "occupied", "cancelled"])
def test_only_a_completed_stay_has_a_receipt(api, admin, driver, status):
    lot = api.create_lot(admin)
    reservation = api.booked(driver, lot["id"])
    path = f"/api/reservations/{reservation['id']}"
    if status == "occupied":
        assert api.post(f"{path}/park", driver).status_code == 200
    elif status == "cancelled":
        assert api.post(f"{path}/cancel", driver).status_code == 200

    for actor in (driver, admin):
        response = api.get(f"{path}/receipt", actor)
        assert response.status_code == 409
        assert status in response.get_json()["message"]


def test_the_openapi_document_describes_the_pdf(api):
    spec = api.get("/api/openapi.json").get_json()
    operation = spec["paths"]["/api/reservations/{reservation_id}/receipt"]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "404", "409"} <= set(operation["responses"])
