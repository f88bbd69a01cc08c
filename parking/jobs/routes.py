from apiflask import APIBlueprint, Schema, fields

from parking.jobs import runs
from parking.jobs.monthly_report import check_month
from parking.security import token_auth

bp = APIBlueprint("jobs", __name__, url_prefix="/api/admin/jobs", tag="Jobs")


class TaskOut(Schema):
    task_id = fields.String()


class JobStatusOut(Schema):
    task_id = fields.String()
    status = fields.String(metadata={"enum": ["queued", "running", "done", "failed"]})
    sent = fields.Integer()
    failed = fields.Integer()
    skipped = fields.Integer(metadata={"description": "Already sent by an earlier run"})
    message = fields.String(metadata={"example": "Nothing new to send: everyone already got it"})


class MonthlyReportIn(Schema):
    month = fields.String(
        metadata={"example": "2026-10", "description": "Default: last month. YYYY-MM"}
    )


_QUEUED = {503: "The job queue is unreachable"}


@bp.post("/daily-reminders")
@bp.auth_required(token_auth, roles=["admin"])
@bp.output(TaskOut, status_code=202)
@bp.doc(responses=_QUEUED)
def daily_reminders():
    """Run the daily reminder job now"""
    return runs.start(runs.DAILY_REMINDERS)


@bp.post("/monthly-report")
@bp.auth_required(token_auth, roles=["admin"])
@bp.input(MonthlyReportIn)
@bp.output(TaskOut, status_code=202)
@bp.doc(responses=_QUEUED)
def monthly_report(json_data):
    """Send a month's reports now (last month by default; this month reports it so far)"""
    month = json_data.get("month")
    if month is not None:
        check_month(month)
    return runs.start(runs.MONTHLY_REPORTS, month)


@bp.get("/<uuid:task_id>")
@bp.auth_required(token_auth, roles=["admin"])
@bp.output(JobStatusOut)
@bp.doc(responses={404: "No such job run from here in the last 24 hours"})
def status(task_id):
    """Where a job run now is, and what it sent"""
    return runs.status(str(task_id))
