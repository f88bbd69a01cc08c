"""Every periodic job, in one list. Times are wall-clock times in APP_TIMEZONE."""

from __future__ import annotations

from celery.schedules import crontab


def _hour_minute(value: str) -> tuple[int, int]:
    hour, minute = value.split(":")
    return int(hour), int(minute)


def beat_schedule(config) -> dict:
    reminder_hour, reminder_minute = _hour_minute(config["REMINDER_TIME"])
    return {
        "daily-reminders": {
            "task": "parking.send_daily_reminders",
            "schedule": crontab(hour=reminder_hour, minute=reminder_minute),
        },
        "monthly-report": {
            "task": "parking.send_monthly_reports",
            "schedule": crontab(day_of_month=1, hour=8, minute=0),
        },
        "expire-holds": {
            "task": "parking.expire_holds",
            "schedule": crontab(),  # every minute
        },
        "booking-reminders": {
            "task": "parking.send_booking_reminders",
            "schedule": crontab(),  # every minute
        },
        "hold-warnings": {
            "task": "parking.warn_holds_ending",
            "schedule": crontab(),  # every minute
        },
        "purge-idempotency-keys": {
            "task": "parking.purge_idempotency_keys",
            "schedule": crontab(minute=15),  # hourly
        },
        "delete-old-exports": {
            "task": "parking.delete_old_exports",
            "schedule": crontab(hour=3, minute=30),
        },
    }
