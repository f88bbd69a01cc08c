from apiflask import Schema, fields
from flask import url_for

from parking.exports.models import DONE, FAILED, QUEUED, RUNNING


class ExportQueuedOut(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"enum": [QUEUED]})


class ExportOut(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"enum": [QUEUED, RUNNING, DONE, FAILED]})
    row_count = fields.Integer(
        metadata={"description": "Rows written so far; all of them once done"}
    )
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    download_url = fields.Method(
        "_download_url",
        metadata={
            "type": ["string", "null"],
            "description": "Where to fetch the CSV once the export is done (null until then)",
            "example": "/api/exports/12/download",
        },
    )
    error = fields.String(allow_none=True, metadata={"description": "Why the export failed"})

    def _download_url(self, export) -> str | None:
        if export.status != DONE:
            return None
        return url_for("exports.download", export_id=export.id)
