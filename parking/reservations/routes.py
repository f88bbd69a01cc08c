from apiflask import APIBlueprint
from apiflask.validators import Length

from parking.errors import field_error
from parking.fields import NoNulString
from parking.pagination import page_of
from parking.reservations import service
from parking.reservations.schemas import ReservationIn, ReservationOut, ReservationQueryIn
from parking.security import current_user, token_auth

bp = APIBlueprint("reservations", __name__, url_prefix="/api/reservations", tag="Reservations")

_IDEMPOTENCY_HEADER = {
    "Idempotency-Key": NoNulString(
        validate=Length(min=1, max=100),
        metadata={"description": "Repeat the key to retry safely: a repeat books nothing more"},
    )
}


@bp.post("")
@bp.auth_required(token_auth, roles=["user"])
@bp.input(_IDEMPOTENCY_HEADER, location="headers", arg_name="headers")
@bp.input(ReservationIn)
@bp.output(ReservationOut, status_code=201)
@bp.doc(responses={404: "No such lot", 409: "Lot full, vehicle busy or too many bookings"})
def book(json_data, headers):
    """Book the first free spot in a lot"""
    key = headers.get("Idempotency-Key")
    if key is not None and not key.strip():
        raise field_error("Idempotency-Key", "must not be blank")
    return service.book(user=current_user(), idempotency_key=key, **json_data)


@bp.get("")
@bp.auth_required(token_auth)
@bp.input(ReservationQueryIn, location="query")
@bp.output(page_of(ReservationOut))
def get_all(query_data):
    """Reservations, newest first: your own, or everyone's for an admin"""
    return service.get_all(user=current_user(), **query_data)


@bp.get("/<int:reservation_id>")
@bp.auth_required(token_auth)
@bp.output(ReservationOut)
def get(reservation_id):
    """One reservation"""
    return service.get(user=current_user(), reservation_id=reservation_id)


@bp.post("/<int:reservation_id>/park")
@bp.auth_required(token_auth, roles=["user"])
@bp.output(ReservationOut)
@bp.doc(responses={409: "Not reserved"})
def park(reservation_id):
    """Mark your car as parked"""
    return service.park(user=current_user(), reservation_id=reservation_id)


@bp.post("/<int:reservation_id>/release")
@bp.auth_required(token_auth)
@bp.output(ReservationOut)
@bp.doc(responses={409: "Not occupied"})
def release(reservation_id):
    """Leave the spot and pay for the started hours"""
    return service.release(user=current_user(), reservation_id=reservation_id)


@bp.post("/<int:reservation_id>/cancel")
@bp.auth_required(token_auth)
@bp.output(ReservationOut)
@bp.doc(responses={409: "Not reserved"})
def cancel(reservation_id):
    """Cancel a reservation before parking"""
    return service.cancel(user=current_user(), reservation_id=reservation_id)
