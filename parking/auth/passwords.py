"""What a password must not be: blank, the account's own e-mail, or a common password.

The common passwords are the 10,000 most used ones in zxcvbn's ranked list (Dropbox's password
strength library, `zxcvbn.frequency_lists`, itself drawn from leaked password sets).
"""

from __future__ import annotations

import functools

from zxcvbn.frequency_lists import FREQUENCY_LISTS

from parking.errors import field_error

COMMON_COUNT = 10_000


@functools.cache
def _common() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_COUNT])


def check(password: str, *, email: str, field: str = "password") -> None:
    """A 422 naming the rule the password breaks, if any (length is the schema's rule)."""
    if not password.strip():
        raise field_error(field, "Must not be blank or only spaces.")
    if password.strip().lower() == email.strip().lower():
        raise field_error(field, "Must not be your e-mail address.")
    if password.lower() in _common():
        raise field_error(
            field, "This is one of the 10,000 most common passwords; choose a less guessable one."
        )
