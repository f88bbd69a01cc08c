from apiflask import APIBlueprint

from parking.pagination import page_of
from parking.security import current_user, token_auth
from parking.summaries import queries
from parking.summaries.schemas import (
    AdminSummaryOut,
    AdminUserOut,
    DriverSummaryOut,
    UsersQueryIn,
)

bp = APIBlueprint("summaries", __name__, url_prefix="/api", tag="Summaries")


@bp.get("/me/summary")
@bp.auth_required(token_auth, roles=["user"])
@bp.output(DriverSummaryOut)
def driver_summary():
    """Your bookings and spending, per lot and per month"""
    return queries.driver_summary(user=current_user())


@bp.get("/admin/summary")
@bp.auth_required(token_auth, roles=["admin"])
@bp.output(AdminSummaryOut)
def admin_summary():
    """Operator dashboard: spots, revenue and occupancy"""
    return queries.admin_summary()


@bp.get("/admin/users")
@bp.auth_required(token_auth, roles=["admin"])
@bp.input(UsersQueryIn, location="query")
@bp.output(page_of(AdminUserOut))
def users(query_data):
    """Every driver with their booking totals"""
    return queries.users_page(**query_data)
