"""The beat schedule: each periodic job at its wall-clock time in APP_TIMEZONE."""

from datetime import UTC, datetime

from celery import Celery

from parking.jobs.schedule import beat_schedule


def next_run(config: dict, job: str, after: datetime) -> datetime:
    """When `job` runs next after `after`, as Celery beat computes it."""
    celery = Celery(set_as_current=False)
    celery.conf.timezone = config["APP_TIMEZONE"]
    schedule = beat_schedule(config)[job]["schedule"]
    schedule.app = celery
    schedule.nowfun = lambda: after.astimezone(celery.timezone)  # beat's clock, stopped at `after`
    return (after + schedule.remaining_estimate(after)).astimezone(UTC)


KOLKATA = {"APP_TIMEZONE": "Asia/Kolkata", "REMINDER_TIME": "18:00"}


def test_daily_reminder_runs_at_reminder_time_in_the_app_time_zone():
    # 18:00 in Kolkata (UTC+5:30) is 12:30 UTC.
    after = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert next_run(KOLKATA, "daily-reminders", after) == datetime(2026, 11, 23, 12, 30, tzinfo=UTC)


def test_reminder_time_and_zone_are_settings():
    config = {"APP_TIMEZONE": "Europe/London", "REMINDER_TIME": "07:45"}
    after = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    # 07:45 in London in July (BST, UTC+1) is 06:45 UTC, the next morning.
    assert next_run(config, "daily-reminders", after) == datetime(2026, 7, 2, 6, 45, tzinfo=UTC)


def test_monthly_report_runs_on_the_first_at_eight_local_time():
    after = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    # 1 December 08:00 in Kolkata is 02:30 UTC.
    assert next_run(KOLKATA, "monthly-report", after) == datetime(2026, 12, 1, 2, 30, tzinfo=UTC)


def test_hold_expiry_runs_every_minute():
    after = datetime(2026, 11, 23, 10, 0, 20, tzinfo=UTC)
    assert next_run(KOLKATA, "expire-holds", after) == datetime(2026, 11, 23, 10, 1, tzinfo=UTC)


def test_idempotency_keys_are_purged_hourly():
    after = datetime(2026, 11, 23, 10, 20, tzinfo=UTC)
    assert next_run(KOLKATA, "purge-idempotency-keys", after) == datetime(
        2026, 11, 23, 10, 45, tzinfo=UTC
    )
