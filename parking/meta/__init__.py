"""The settings the app shows its users: time zone, currency, hold time, booking limit."""
