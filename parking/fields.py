"""Schema fields that check JSON types instead of coercing them, shared by every domain."""

from __future__ import annotations

import re
from decimal import Decimal

from apiflask import fields
from apiflask.validators import Length, Regexp
from marshmallow import ValidationError

PINCODE = Regexp(r"^[0-9]{6}\Z", error="must be exactly 6 digits")


def no_nul(text: str) -> None:
    """PostgreSQL text cannot hold NUL (U+0000): refuse it up front, a 422 rather than a 500."""
    if "\x00" in text:
        raise ValidationError("Must not contain NUL characters.")


class NoNulString(fields.String):
    """A string without NUL; every string the app stores or looks up is read with this field
    (or with `no_nul` among its validators)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        no_nul(text)
        return text


class StrictBoolean(fields.Boolean):
    """Only JSON `true` and `false`; `1` or `"yes"` are errors, not booleans."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError("Not a valid boolean.")
        return value


MONEY_PATTERN = r"^[0-9]{1,8}(\.[0-9]{1,2})?$"


class Money(fields.Decimal):
    """An amount as a JSON string with at most two decimals ("50", "50.5", "50.00"), written as
    a string with two ("50.00"). A JSON number is refused: a float cannot carry money exactly."""

    # Answers always carry two decimals; requests may carry fewer.
    DOC = {"type": "string", "pattern": MONEY_PATTERN, "example": "50.00"}

    def __init__(self, **kwargs):
        kwargs["metadata"] = {**self.DOC, **kwargs.get("metadata", {})}
        super().__init__(as_string=True, places=2, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ValidationError('Must be a string with at most two decimals, like "50.00".')
        if not re.fullmatch(MONEY_PATTERN, value):
            raise ValidationError('Must be an amount with at most two decimals, like "50.00".')
        amount = Decimal(value)
        if not Decimal("0") < amount < Decimal("100000000"):
            raise ValidationError("Must be greater than 0 and less than 100000000.")
        return amount.quantize(Decimal("0.01"))


def Text(max_length: int, **kwargs) -> fields.String:  # noqa: N802 - reads like a field class
    """A string of at most `max_length` characters, stored exactly as given."""
    validate = [Length(max=max_length)]
    if kwargs.pop("required", False):
        kwargs["required"] = True
        validate = [Length(min=1, max=max_length)]
    return NoNulString(validate=validate, **kwargs)


def Pincode(**kwargs) -> fields.String:  # noqa: N802
    return fields.String(validate=PINCODE, metadata={"example": "560001"}, **kwargs)
