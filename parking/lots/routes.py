from apiflask import APIBlueprint

from parking.lots import service
from parking.lots.schemas import LotIn, LotOut, LotQueryIn, SpotOut
from parking.security import current_user, token_auth

bp = APIBlueprint("lots", __name__, url_prefix="/api/lots", tag="Lots")


@bp.get("")
@bp.auth_required(token_auth)
@bp.input(LotQueryIn, location="query")
@bp.output(LotOut(many=True))
def get_all(query_data):
    """Find parking lots by name, address or PIN code (a driver's own PIN code first)"""
    return service.get_all(near_pincode=current_user().pincode, **query_data)


@bp.get("/<int:lot_id>")
@bp.auth_required(token_auth)
@bp.output(LotOut)
def get(lot_id):
    """One parking lot with its live spot counts"""
    return service.get(lot_id=lot_id)


@bp.post("")
@bp.auth_required(token_auth, roles=["admin"])
@bp.input(LotIn)
@bp.output(LotOut, status_code=201)
def create(json_data):
    """Create a lot; its spots are numbered 1..total_spots"""
    return service.create(**json_data)


@bp.patch("/<int:lot_id>")
@bp.auth_required(token_auth, roles=["admin"])
@bp.input(LotIn(partial=True))
@bp.output(LotOut)
@bp.doc(responses={409: "Shrinking would remove a spot in use"})
def update(lot_id, json_data):
    """Edit a lot; growing adds spots, shrinking removes the highest-numbered free ones"""
    return service.update(lot_id=lot_id, **json_data)


@bp.delete("/<int:lot_id>")
@bp.auth_required(token_auth, roles=["admin"])
@bp.output({}, status_code=204)
@bp.doc(responses={409: "A spot is reserved or occupied"})
def delete(lot_id):
    """Delete a lot (its past reservations stay in histories)"""
    service.delete(lot_id=lot_id)
    return ""


@bp.get("/<int:lot_id>/spots")
@bp.auth_required(token_auth, roles=["admin"])
@bp.output(SpotOut(many=True))
def get_spots(lot_id):
    """Every spot of a lot, live: status, vehicle, driver and running cost"""
    return service.get_spots(lot_id=lot_id)
