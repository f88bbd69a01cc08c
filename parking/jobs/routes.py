from apiflask import APIBlueprint, Schema, fields

from parking.jobs.monthly_report import check_month
from parking.queue import enqueue
from parking.security import token_auth

bp = APIBlueprint("jobs", __name__, url_prefix="/api/admin/jobs", tag="Jobs")


class TaskOut(Schema):
    task_id = fields.String()


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
    return {"task_id": enqueue("parking.send_daily_reminders")}


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
    return {"task_id": enqueue("parking.send_monthly_reports", month)}
