"""Schema fields that check JSON types instead of coercing them, shared by every domain."""

from __future__ import annotations

import re
from decimal import Decimal

from apiflask import fields
from apiflask.validators import Length, Range, Regexp
from marshmallow import ValidationError
from marshmallow import fields as ma_fields

# The app shows each message beside its field, so they are words a person would use rather
# than marshmallow's stock ones ("Missing data for required field.", "Field may not be null.").
ma_fields.Field.default_error_messages.update(
    required="Required.", null="Required.", invalid="Not valid."
)
ma_fields.String.default_error_messages.update(invalid="Must be text.")
ma_fields.Integer.default_error_messages.update(invalid="Must be a whole number.")
ma_fields.Email.default_error_messages.update(
    invalid="Must be an e-mail address, like name@example.com."
)
ma_fields.URL.default_error_messages.update(invalid="Must be a web address starting https://.")

PINCODE = Regexp(r"^[0-9]{6}\Z", error="Must be exactly 6 digits.")
_PHONE_CHARACTERS = re.compile(r"[0-9+\-(). ]+\Z")


def phone_number(text: str) -> None:
    """A phone number as people write it (`+91 98450 12345`, `(080) 2345-6789`): digits and
    + - ( ) . and spaces, with 7 to 15 digits (E.164's most)."""
    digits = sum(character.isdigit() for character in text)
    if not _PHONE_CHARACTERS.match(text) or not 7 <= digits <= 15:
        raise ValidationError(
            "Must be a phone number: 7 to 15 digits, with spaces, +, -, or brackets if you like."
        )


def whole_number(low: int, high: int) -> Range:
    return Range(min=low, max=high, error=f"Must be a whole number from {low} to {high}.")


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
            raise ValidationError("Must be more than 0 and less than 10,00,00,000.")
        return amount.quantize(Decimal("0.01"))


def Text(max_length: int, **kwargs) -> fields.String:  # noqa: N802 - reads like a field class
    """A string of at most `max_length` characters, stored exactly as given."""
    validate = [Length(max=max_length, error=f"Must be at most {max_length} characters.")]
    if kwargs.pop("required", False):
        kwargs["required"] = True
        validate.insert(0, Length(min=1, error="Required."))
    return NoNulString(validate=validate, **kwargs)


def Phone(**kwargs) -> fields.String:  # noqa: N802
    """A phone number, checked (`phone_number`) and stored exactly as given."""
    return NoNulString(
        validate=[Length(max=20, error="Must be at most 20 characters."), phone_number],
        metadata={"example": "+91 98450 12345"},
        **kwargs,
    )


def Pincode(**kwargs) -> fields.String:  # noqa: N802
    return fields.String(validate=PINCODE, metadata={"example": "560001"}, **kwargs)
