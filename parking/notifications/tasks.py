"""Notification jobs: daily reminders and monthly reports (thin tasks over the services)."""
