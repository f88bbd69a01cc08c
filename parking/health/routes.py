from apiflask import APIBlueprint, Schema, fields

from parking.health import service

bp = APIBlueprint("health", __name__, url_prefix="/api", tag="Operations")


class HealthOut(Schema):
    status = fields.String(metadata={"example": "ok"})
    database = fields.String(metadata={"enum": ["ok", "down"]})
    redis = fields.String(metadata={"enum": ["ok", "down"]})
    queue = fields.String(metadata={"enum": ["ok", "down"]})


@bp.get("/health")
@bp.output(HealthOut)
def health():
    """Is the API up, and can it reach its database, Redis and job queue?"""
    return service.check()
