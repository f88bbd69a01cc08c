from apiflask import Schema, fields
from apiflask.validators import Length
from marshmallow import ValidationError, validates

from parking.fields import NoNulString, Phone, Pincode, StrictBoolean, Text, no_nul

PASSWORD_LENGTH = "Must be 8 to 128 characters."


class UserOut(Schema):
    id = fields.Integer()
    email = fields.String()
    full_name = fields.String()
    phone = fields.String(allow_none=True)
    pincode = fields.String(allow_none=True)
    role = fields.String(metadata={"enum": ["admin", "user"]})
    created_at = fields.DateTime()
    email_notifications = fields.Boolean()
    gchat_webhook_url = fields.String(allow_none=True)


class RegisterIn(Schema):
    email = fields.Email(required=True, validate=Length(max=254))
    password = fields.String(required=True, validate=Length(min=8, max=128, error=PASSWORD_LENGTH))
    full_name = Text(120, required=True)
    phone = Phone(allow_none=True)
    pincode = Pincode(allow_none=True)

    @validates("full_name")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ValidationError("Required.")


class LoginIn(Schema):
    email = NoNulString(required=True, validate=Length(min=1, max=254))
    password = fields.String(required=True, validate=Length(min=1, max=128))


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String(metadata={"example": "Bearer"})
    expires_in = fields.Integer(metadata={"description": "Seconds until the token expires"})
    user = fields.Nested(UserOut)


class ProfileIn(Schema):
    full_name = Text(120)
    phone = Phone(allow_none=True)
    pincode = Pincode(allow_none=True)
    email_notifications = StrictBoolean()
    gchat_webhook_url = fields.URL(
        allow_none=True,
        schemes={"https"},
        require_tld=False,
        validate=[Length(max=500), no_nul],
        metadata={"description": "Google Chat webhook (https, host in WEBHOOK_ALLOWED_HOSTS)"},
    )

    @validates("full_name")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ValidationError("Required.")


class PasswordChangeIn(Schema):
    current_password = fields.String(required=True, validate=Length(min=1, max=128))
    new_password = fields.String(
        required=True, validate=Length(min=8, max=128, error=PASSWORD_LENGTH)
    )


class PasswordResetIn(Schema):
    email = NoNulString(required=True, validate=Length(min=1, max=254))


class PasswordResetOut(Schema):
    message = fields.String()


class PasswordResetConfirmIn(Schema):
    token = NoNulString(required=True, validate=Length(min=1, max=200))
    password = fields.String(required=True, validate=Length(min=8, max=128, error=PASSWORD_LENGTH))
