from apiflask import APIBlueprint, Schema, fields

from parking.notifications import service
from parking.notifications.models import CHANNELS, KINDS
from parking.pagination import PageIn, page_of
from parking.security import token_auth

bp = APIBlueprint("notifications", __name__, url_prefix="/api/admin", tag="Jobs")


class RecipientOut(Schema):
    id = fields.Integer()
    email = fields.String()
    full_name = fields.String()


class NotificationOut(Schema):
    id = fields.Integer()
    user_id = fields.Integer(allow_none=True, metadata={"description": "null: the admins' space"})
    user = fields.Nested(
        RecipientOut, allow_none=True, metadata={"description": "null: the admins' space"}
    )
    channel = fields.String(metadata={"enum": list(CHANNELS)})
    kind = fields.String(metadata={"enum": list(KINDS)})
    status = fields.String(metadata={"enum": ["sent", "failed"]})
    detail = fields.String(allow_none=True)
    created_at = fields.DateTime()


@bp.get("/notifications")
@bp.auth_required(token_auth, roles=["admin"])
@bp.input(PageIn, location="query")
@bp.output(page_of(NotificationOut))
def get_all(query_data):
    """Every reminder, report, export notice and receipt sent, newest first"""
    return service.get_all(**query_data)
