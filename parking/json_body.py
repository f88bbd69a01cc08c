"""Reading JSON request bodies strictly: a body too deep, a number too long or a string that is
not valid Unicode is a 422 naming the field, never a 500 deeper down (a RecursionError in the
parser, Python's integer digit limit, an encoding error in the database driver)."""

from __future__ import annotations

import json

from flask.json.provider import DefaultJSONProvider

from parking.errors import field_error

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 30


class _LongNumber(str):
    """A number literal too long to be anything the API takes; reported with its field."""


def _number(text: str):
    return _LongNumber(text) if len(text) > MAX_NUMBER_DIGITS else int(text)


def _top_level_key(text: str) -> str:
    """The key of the top-level member that nests deepest (a failure path only)."""
    depth, key, deepest, deepest_key, in_string, escaped, start = (
        0,
        "body",
        0,
        "body",
        False,
        False,
        0,
    )
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if depth == 1 and text[index + 1 :].lstrip().startswith(":"):
                    key = text[start:index]
        elif char == '"':
            in_string, start = True, index + 1
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_key = depth, key
        elif char in "]}":
            depth -= 1
    return deepest_key


def _check(value, field: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise field_error(field, f"nested too deeply (at most {MAX_DEPTH} levels)")
    if isinstance(value, _LongNumber):
        raise field_error(field, f"number too long (at most {MAX_NUMBER_DIGITS} digits)")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise field_error(field, "must be valid Unicode text (no lone surrogates)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, field if depth else key, depth + 1)
            _check(item, field if depth else key, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, field, depth + 1)


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON, with the checks above on everything it parses."""

    def loads(self, s, **kwargs):
        if isinstance(s, bytes):
            s = s.decode("utf-8")
        try:
            value = json.loads(s, parse_int=_number, **kwargs)
        except RecursionError:
            field = _top_level_key(s)
            raise field_error(field, f"nested too deeply (at most {MAX_DEPTH} levels)") from None
        _check(value, "body")
        return value
