from apiflask import APIBlueprint
from flask import Response

from parking.reports import receipts
from parking.security import current_user, token_auth

bp = APIBlueprint("receipts", __name__, url_prefix="/api/reservations", tag="Reservations")

_PDF = {
    "description": "The receipt as a PDF document",
    "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
}


@bp.get("/<int:reservation_id>/receipt")
@bp.auth_required(token_auth)
@bp.doc(responses={200: _PDF, 404: "Not found", 409: "Not completed"})
def receipt(reservation_id):
    """The PDF receipt of a completed stay"""
    pdf = receipts.get(user=current_user(), reservation_id=reservation_id)
    disposition = f'inline; filename="receipt-{reservation_id}.pdf"'
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": disposition})
