from apiflask import APIBlueprint, FileSchema
from flask import send_file

from parking.exports import service
from parking.exports.schemas import ExportOut, ExportQueuedOut
from parking.security import current_user, token_auth

bp = APIBlueprint("exports", __name__, url_prefix="/api/exports", tag="Exports")


@bp.post("")
@bp.auth_required(token_auth)
@bp.output(ExportQueuedOut, status_code=202)
@bp.doc(responses={503: "The job queue is unreachable; nothing was queued"})
def create():
    """Ask for a CSV of your reservations (an admin's: everyone's), written in the background"""
    return service.create(user=current_user())


@bp.get("/<int:export_id>")
@bp.auth_required(token_auth)
@bp.output(ExportOut)
@bp.doc(responses={404: "No such export of yours"})
def get(export_id):
    """The progress of an export you asked for"""
    return service.get(user=current_user(), export_id=export_id)


@bp.get("/<int:export_id>/download")
@bp.auth_required(token_auth)
@bp.output(FileSchema(type="string", format="binary"), content_type="text/csv")
@bp.doc(responses={404: "No such export of yours", 409: "Not done (yet)"})
def download(export_id):
    """The CSV file of a finished export"""
    path = service.get_file(user=current_user(), export_id=export_id)
    return send_file(
        path,
        mimetype="text/csv",
        as_attachment=True,
        download_name=f"parking-export-{export_id}.csv",
    )
