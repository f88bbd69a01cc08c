from apiflask import APIBlueprint

from parking.events import service
from parking.security import token_auth

bp = APIBlueprint("events", __name__, url_prefix="/api", tag="Live updates")

_STREAM = {
    "description": (
        "A Server-Sent Events stream. Each event's `data` is JSON naming the lot that changed, "
        'e.g. `{"type": "lot", "lot_id": 3}`: refetch what you show of it. A comment line comes '
        "every 15 s as a heartbeat; the server ends the stream after a few minutes and the "
        "`retry:` hint says when to reconnect."
    ),
    "content": {"text/event-stream": {"schema": {"type": "string"}}},
}
_UNAVAILABLE = {
    "description": "Live updates are paused (Redis is unreachable): poll instead",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPError"}}},
}


@bp.get("/events")
@bp.auth_required(token_auth)
@bp.doc(responses={200: _STREAM, 503: _UNAVAILABLE})
def events():
    """Live changes to lots and spots (Server-Sent Events)"""
    return service.open_stream()
